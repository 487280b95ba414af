package org.bluemed.delivery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code delivery synth} writes the templates offline, and refuses a bad delivery.yml. */
class SynthCommandTest {
  @TempDir Path dir;

  @Test
  void synthWritesEveryStackTemplateWithoutCredentials() throws Exception {
    Path out = dir.resolve("cdk.out");

    CliRun run =
        CliRun.in(
            Fixture.repositoryRoot(),
            Map.of("AWS_ACCESS_KEY_ID", "", "AWS_PROFILE", "none-here"),
            "synth",
            "--out",
            out.toString());

    assertThat(run.exitCode()).as(run.all()).isZero();
    List<String> templates = run.stdout().lines().toList();
    assertThat(templates)
        .extracting(t -> Path.of(t).getFileName().toString())
        .containsExactlyInAnyOrder(
            "bluemed-registry.template.json",
            "bluemed-staging.template.json",
            "bluemed-production.template.json",
            "bluemed-staging-deployed-tags.template.json",
            "bluemed-production-deployed-tags.template.json");
    assertThat(Files.readString(out.resolve("bluemed-staging.template.json")))
        .contains("AWS::ECS::Service")
        .contains("AWS::ElasticLoadBalancingV2::LoadBalancer");
  }

  @Test
  void anInvalidConfigurationStopsSynthesisNamingTheField() throws Exception {
    Files.writeString(
        dir.resolve("delivery.yml"),
        Files.readString(Fixture.repositoryRoot().resolve("delivery.yml"))
            .replace("domain: bluemed.example.org", "domain: not a domain"));

    CliRun run = CliRun.in(dir, Map.of(), "synth", "--out", dir.resolve("out").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("domain: 'not a domain' is not a valid DNS name");
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
