package org.bluemed.delivery.infra;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.bluemed.delivery.config.ConfigException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad delivery.yml never reaches the CDK: DeliveryApp reads it through the config module, which
 * names the field, and nothing is written to the output directory.
 */
class BadInputTest {
  @TempDir static Path outDir;

  static Stream<Arguments> badConfigurations() throws Exception {
    String valid = Files.readString(Synthesized.repositoryRoot().resolve("delivery.yml"));
    return Stream.of(
        Arguments.of(
            "an invalid domain",
            valid.replace("domain: bluemed.example.org", "domain: bluemed_example"),
            "domain: 'bluemed_example' is not a valid DNS name"),
        Arguments.of(
            "neither a certificate nor a hosted zone",
            valid.replace("    hostedZoneId: Z0000000000000000000B\n", ""),
            "environments[1]: needs hostedZoneId"),
        Arguments.of(
            "two components on one host",
            valid.replace("hostPrefix: app", "hostPrefix: api"),
            "components[1].hostPrefix"),
        Arguments.of(
            "two components on one port",
            valid
                .replace("port: 80\n", "port: 3001\n")
                .replace("localPort: 3000", "localPort: 3001"),
            "components[1].localPort"),
        Arguments.of(
            "an environment without an account",
            valid.replace("    account: \"222222222222\"\n", ""),
            "environments[1].account"),
        Arguments.of(
            "an environment without a region",
            valid.replace("    region: eu-west-1\n    subdomain", "    subdomain"),
            "environments[0].region"),
        Arguments.of(
            "a cpu and memory pair Fargate refuses",
            valid.replace(
                "    cpu: 256\n    memory: 512\n  - name: frontend",
                "    cpu: 256\n    memory: 4096\n  - name: frontend"),
            "components[0].memory"),
        Arguments.of(
            "an environment name that makes the load balancer name too long",
            valid
                .replace("application: bluemed", "application: bluemed-health-europe")
                .replace("  - name: production", "  - name: production-eu"),
            "environments[1].name: 'production-eu' makes the load balancer name"
                + " 'bluemed-health-europe-production-eu' 35 characters long"));
  }

  @ParameterizedTest(name = "synthesis refuses {0} before building any stack")
  @MethodSource("badConfigurations")
  void synthesisRefusesBadConfigurationNamingTheField(String what, String yaml, String field)
      throws Exception {
    Path root = Files.createTempDirectory(outDir, "repo");
    Files.writeString(root.resolve("delivery.yml"), yaml);
    Path out = root.resolve("cdk.out");

    assertThatThrownBy(
            () ->
                DeliveryApp.synth(
                    org.bluemed.delivery.config.ConfigLoader.loadFromRepository(root), out))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(field);
    org.assertj.core.api.Assertions.assertThat(out).doesNotExist();
  }
}
