package org.bluemed.delivery.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
  static final String VALID =
      """
      application: bluemed
      domain: bluemed.example.org
      repository:
        owner: bluemed
        name: bluemed
        connectionArn: arn:aws:codeconnections:eu-west-1:111111111111:connection/abc
      components:
        - name: backend
          path: backend
          port: 3001
          hostPrefix: api
          healthPath: /api/health
        - name: frontend
          path: frontend
          port: 80
          localPort: 3000
          hostPrefix: app
          healthPath: /
      environments:
        - name: staging
          account: "111111111111"
          region: eu-west-1
          subdomain: staging
          hostedZoneId: Z0000000000000000000A
        - name: production
          account: "222222222222"
          region: eu-west-1
          certificateArn: arn:aws:acm:eu-west-1:222222222222:certificate/abc
      """;

  @Test
  void theRepositoryConfigurationLoads() {
    DeliveryConfig config = ConfigLoader.loadFromRepository(Path.of("../.."));

    assertThat(config.application()).isEqualTo("bluemed");
    assertThat(config.components())
        .extracting(Component::name)
        .containsExactly("backend", "frontend");
    assertThat(config.component("frontend").localPort()).isEqualTo(3000);
  }

  @Test
  void defaultsAreFilledIn() {
    DeliveryConfig config = ConfigLoader.parse(VALID, "delivery.yml");

    Component backend = config.component("backend");
    assertThat(backend.localPort()).isEqualTo(3001);
    assertThat(backend.cpu()).isEqualTo(256);
    assertThat(backend.memory()).isEqualTo(512);
    assertThat(config.environment("staging").desiredCount()).isEqualTo(1);
    assertThat(config.repository().developBranch()).isEqualTo("develop");
  }

  static Stream<Arguments> invalidConfigurations() {
    return Stream.of(
        Arguments.of(
            "a missing field",
            VALID.replace("    hostPrefix: api\n", ""),
            "components[0].hostPrefix: is required but missing"),
        Arguments.of(
            "a port of the wrong type",
            VALID.replace("port: 3001", "port: three"),
            "components[0].port: string found, integer expected"),
        Arguments.of(
            "one component path inside another",
            VALID.replace("path: frontend", "path: backend/web"),
            "components[1].path: 'backend/web' and components[0].path 'backend' lie one inside"),
        Arguments.of(
            "a localPort that another component's port already publishes",
            VALID.replace("localPort: 3000", "localPort: 3001"),
            "components[1].localPort: 3001 is already used by components[0].port (backend); "
                + "each component is published on its own port of 127.0.0.1, so choose another "
                + "localPort, for example localPort: 3002, and publish the same port in "
                + "docker-compose.yml"),
        Arguments.of(
            "a localPort that another component's localPort already publishes",
            VALID.replace("port: 3001", "port: 3001\n    localPort: 3000"),
            "components[1].localPort: 3000 is already used by components[0].localPort (backend)"),
        Arguments.of(
            "a port that another component's port already publishes",
            VALID.replace("port: 80\n    localPort: 3000", "port: 3001"),
            "components[1].port: 3001 is already used by components[0].port (backend); each "
                + "component is published on its own port of 127.0.0.1, so set localPort, for "
                + "example localPort: 3002"),
        Arguments.of(
            "two components on one host",
            VALID.replace("hostPrefix: app", "hostPrefix: api"),
            "components[1].hostPrefix: 'api' is already used by components[0] (backend)"),
        Arguments.of(
            "an invalid domain",
            VALID.replace("domain: bluemed.example.org", "domain: bluemed_org"),
            "domain: 'bluemed_org' is not a valid DNS name"),
        Arguments.of(
            "an environment without account",
            VALID.replace("    account: \"222222222222\"\n", ""),
            "environments[1].account: is required but missing"),
        Arguments.of(
            "an environment without region",
            VALID.replace("    region: eu-west-1\n    subdomain", "    subdomain"),
            "environments[0].region: is required but missing"),
        Arguments.of(
            "neither certificate nor hosted zone",
            VALID.replace(
                "    certificateArn: arn:aws:acm:eu-west-1:222222222222:certificate/abc\n", ""),
            "environments[1]: needs hostedZoneId"),
        Arguments.of(
            "a cpu/memory pair Fargate refuses",
            VALID.replace(
                "healthPath: /api/health",
                "healthPath: /api/health\n    cpu: 512\n    memory: 512"),
            "components[0].memory: Fargate does not accept cpu 512 with memory 512; with cpu 512, "
                + "memory must be 1024 to 4096 in steps of 1024"),
        Arguments.of(
            "an unknown top-level key far from every allowed one",
            VALID.replace("domain: bluemed", "colour: blue\ndomain: bluemed"),
            "delivery.yml: colour: unknown key; allowed here: application, domain, repository, "
                + "components, environments"),
        Arguments.of(
            "a misspelt top-level key",
            VALID.replace("domain: bluemed", "domian: bluemed"),
            "delivery.yml: domian: unknown key; did you mean 'domain'? Allowed here: "
                + "application, domain, repository, components, environments"),
        Arguments.of(
            "a misspelt key of a component",
            VALID.replace("hostPrefix: api", "hostPrefx: api"),
            "components[0].hostPrefx: unknown key; did you mean 'hostPrefix'? Allowed here: "
                + "name, kind, path, port, localPort, hostPrefix, healthPath, cpu, memory"),
        Arguments.of(
            "a key of an environment with its letters swapped",
            VALID.replace(
                "region: eu-west-1\n    certificateArn",
                "regoin: eu-west-1\n    " + "region: eu-west-1\n    certificateArn"),
            "environments[1].regoin: unknown key; did you mean 'region'? Allowed here: name, "
                + "account, region, subdomain, hostedZoneId, certificateArn, desiredCount, "
                + "autoscaling"),
        Arguments.of(
            "a misspelt key of the repository",
            VALID.replace("  name: bluemed\n", "  name: bluemed\n  releaseBrnch: main\n"),
            "repository.releaseBrnch: unknown key; did you mean 'releaseBranch'? Allowed here: "
                + "owner, name, connectionArn, developBranch, releaseBranch"),
        Arguments.of(
            "a misspelt key of autoscaling",
            VALID.replace(
                "certificate/abc\n",
                "certificate/abc\n    autoscaling:\n      minCapacity: 1\n      maxCapacity: 2\n"
                    + "      maxCapcity: 3\n"),
            "environments[1].autoscaling.maxCapcity: unknown key; did you mean 'maxCapacity'? "
                + "Allowed here: minCapacity, maxCapacity, targetCpuPercent"),
        Arguments.of(
            "two environments on one domain",
            VALID.replace("    subdomain: staging\n", ""),
            "environments[1].subdomain: environments[0] already serves bluemed.example.org"),
        Arguments.of(
            "an absolute component path",
            VALID.replace("path: backend", "path: /etc"),
            "components[0].path: '/etc' is absolute; use a directory relative to the repository "
                + "root, for example backend"),
        Arguments.of(
            "the repository root as a component path",
            VALID.replace("path: backend", "path: ."),
            "components[0].path: '.' is the repository root"),
        Arguments.of(
            "a component path that leaves the repository",
            VALID.replace("path: frontend", "path: ../../other/backend"),
            "components[1].path: '../../other/backend' contains '..' and may leave the repository"),
        Arguments.of(
            "a component path with a '..' segment that stays inside",
            VALID.replace("path: frontend", "path: frontend/../backend"),
            "components[1].path: 'frontend/../backend' contains '..'"),
        Arguments.of(
            "a component path that is not normalized",
            VALID.replace("path: frontend", "path: ./frontend"),
            "components[1].path: './frontend' is not normalized"),
        Arguments.of(
            "two components in one directory",
            VALID.replace("path: frontend", "path: backend"),
            "components[1].path: 'backend' is already used by components[0] (backend)"),
        Arguments.of(
            "a duplicated key",
            VALID.replace("port: 3001", "port: 3001\n    port: 3002"),
            "delivery.yml: components[0].port: key 'port' appears twice in the same mapping "
                + "(line 11)"),
        Arguments.of(
            "a health path with a line break",
            VALID.replace("healthPath: /api/health", "healthPath: \"/api/health\\r\\nX: 1\""),
            "components[0].healthPath: '/api/health\\r\\nX: 1' is not valid; use a URL path "
                + "starting with / and without spaces or line breaks, for example /api/health"),
        Arguments.of(
            "a malformed region",
            VALID.replace("region: eu-west-1\n    subdomain", "region: Ireland\n    subdomain"),
            "environments[0].region: 'Ireland' is not valid; use a region such as eu-west-1"),
        Arguments.of(
            "an account id that is not 12 digits",
            VALID.replace("\"222222222222\"", "\"2222\""),
            "environments[1].account: '2222' is not valid; use the 12-digit AWS account id in "
                + "quotes, for example \"111111111111\""));
  }

  @ParameterizedTest(name = "rejects {0}")
  @MethodSource("invalidConfigurations")
  void rejectsInvalidConfigurationNamingTheField(String what, String yaml, String expected) {
    assertThatThrownBy(() -> ConfigLoader.parse(yaml, "delivery.yml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("delivery.yml: ")
        .hasMessageContaining(expected);
  }

  @Test
  void anUnknownComponentNamedOnTheCommandLineListsTheKnownOnes() {
    DeliveryConfig config = ConfigLoader.parse(VALID, "delivery.yml");

    assertThatThrownBy(() -> config.component("database"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("unknown component 'database': delivery.yml defines [backend, frontend]");
  }

  @Test
  void anUnknownNameIsReportedApartFromAnInvalidConfiguration() {
    DeliveryConfig config = ConfigLoader.parse(VALID, "delivery.yml");

    assertThatThrownBy(() -> config.component("database")).isInstanceOf(UnknownNameException.class);
    assertThatThrownBy(() -> config.environment("qa"))
        .isInstanceOf(UnknownNameException.class)
        .hasMessage("unknown environment 'qa': delivery.yml defines [staging, production]");
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> ConfigLoader.load(Path.of("/nonexistent/delivery.yml")))
        .hasMessageContaining("/nonexistent/delivery.yml: file not found");
  }

  @Test
  void anImageTagFollowsDockersTagGrammar() {
    assertThat(Naming.isImageTag("10819e093075")).isTrue();
    assertThat(Naming.isImageTag("0123456789ab-dirty-feedface")).isTrue();
    assertThat(Naming.isImageTag("_v1.2")).isTrue();
    assertThat(Naming.isImageTag("a".repeat(128))).isTrue();

    assertThat(Naming.isImageTag("")).isFalse();
    assertThat(Naming.isImageTag("a b")).isFalse();
    assertThat(Naming.isImageTag("../../x")).isFalse();
    assertThat(Naming.isImageTag("-x")).isFalse();
    assertThat(Naming.isImageTag("v1\n")).isFalse();
    assertThat(Naming.isImageTag("a".repeat(129))).isFalse();
  }

  @Test
  void namingDerivesEveryNameFromTheConfiguration() {
    DeliveryConfig config = ConfigLoader.parse(VALID, "delivery.yml");
    Naming naming = config.naming();
    Component backend = config.component("backend");
    Environment staging = config.environment("staging");
    Environment production = config.environment("production");

    assertThat(naming.imageRepository(backend)).isEqualTo("bluemed-backend");
    assertThat(naming.host(staging, backend)).isEqualTo("api.staging.bluemed.example.org");
    assertThat(naming.host(production, config.component("frontend")))
        .isEqualTo("app.bluemed.example.org");
    assertThat(naming.deployedTagParameter(staging, backend))
        .isEqualTo("/bluemed/deployments/staging/backend");
    assertThat(naming.commitTag("0123456789abcdef0123", Optional.empty()))
        .isEqualTo("0123456789ab");
    assertThat(naming.commitTag("0123456789abcdef0123", Optional.of("feedfacecafe")))
        .isEqualTo("0123456789ab-dirty-feedface");
    assertThat(naming.imageReference("127.0.0.1:5000", backend, "latest"))
        .isEqualTo("127.0.0.1:5000/bluemed-backend:latest");
    assertThat(naming.deployedImageTag(production, "0123456789ab"))
        .isEqualTo("deployed-production-0123456789ab");
    assertThat(naming.parameter(staging, backend, "CORS_ORIGINS"))
        .isEqualTo("/bluemed/staging/backend/CORS_ORIGINS");
    assertThat(naming.secret(staging, backend, "app")).isEqualTo("bluemed/staging/backend/app");
    assertThat(naming.loadBalancer(production)).isEqualTo("bluemed-production");
    assertThat(naming.keyAlias(staging)).isEqualTo("alias/bluemed/staging");
    assertThat(naming.flowLogGroup(staging)).isEqualTo("/bluemed/staging/vpc-flow-logs");
    assertThat(naming.logGroupPrefix(production)).isEqualTo("/bluemed/production");
    assertThat(naming.deployedTagsStack(staging)).isEqualTo("bluemed-staging-deployed-tags");
  }
}
