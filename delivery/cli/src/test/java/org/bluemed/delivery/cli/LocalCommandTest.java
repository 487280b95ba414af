package org.bluemed.delivery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code delivery local} on the fixture monorepo: every stage, its summary, its failures. */
class LocalCommandTest {
  static final String REGISTRY = Fixture.REGISTRY;

  @TempDir Path dir;
  Fixture fixture;

  @BeforeAll
  static void engine() {
    Docker.requireEngine();
  }

  @BeforeEach
  void createFixture() throws Exception {
    fixture = Fixture.create(dir);
  }

  @Test
  void aCleanCommitGoesThroughEveryStageAndOnlyThenMovesLatest() throws Exception {
    CliRun run = CliRun.in(dir, Map.of(), "local", "--registry", REGISTRY, "--wait", "60");

    assertThat(run.exitCode()).as(run.all()).isZero();
    String tag = fixture.head().substring(0, 12);
    assertThat(run.stdout())
        .containsPattern("(?m)^  source +OK ")
        .containsPattern("(?m)^  build +OK ")
        .containsPattern("(?m)^  push +OK ")
        .containsPattern("(?m)^  integration +OK ")
        .contains(REGISTRY + "/fixture-svc  " + tag + ", latest")
        .contains("Result: OK, every local stage passed.");
    JsonNode summary =
        new ObjectMapper().readTree(dir.resolve(".delivery/out/summary.json").toFile());
    assertThat(summary.get("ok").asBoolean()).isTrue();
    assertThat(summary.get("images").get(0).get("tags").toString()).contains("latest");
    assertThat(Docker.leftovers("fixture-integration")).isEmpty();
  }

  @Test
  void aFailingStageIsNamedAndTheLaterStagesAreSkipped() throws Exception {
    fixture.write(
        "svc/package.json",
        """
        {"name": "svc", "version": "1.0.0", "private": true,
         "scripts": {"lint": "node -e \\"process.exit(3)\\"",
                     "test": "node -e \\"process.exit(0)\\""}}
        """);
    fixture.commit();

    CliRun run = CliRun.in(dir, Map.of(), "local", "--registry", REGISTRY);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr()).contains("delivery: stage build failed: svc failed at lint");
    assertThat(run.stdout())
        .containsPattern("(?m)^  build +FAILED ")
        .containsPattern("(?m)^  push +SKIPPED .*an earlier stage failed")
        .containsPattern("(?m)^  integration +SKIPPED ")
        .contains("Result: FAILED at stage build.");
    JsonNode summary =
        new ObjectMapper().readTree(dir.resolve(".delivery/out/summary.json").toFile());
    assertThat(summary.get("ok").asBoolean()).isFalse();
  }

  @Test
  void aPortTakenAtIntegrationStillEndsWithTheSummaryAndExitsAsAnEnvironmentError()
      throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(Fixture.PORT, 1, java.net.InetAddress.getLoopbackAddress())) {
      CliRun run = CliRun.in(dir, Map.of(), "local", "--registry", REGISTRY, "--wait", "30");

      assertThat(run.exitCode()).as(run.all()).isEqualTo(3);
      assertThat(run.stdout())
          .containsPattern("(?m)^  build +OK ")
          .containsPattern("(?m)^  push +OK ")
          .containsPattern("(?m)^  integration +FAILED .*port 39081 on 127.0.0.1.*already in use")
          .contains("Result: FAILED at stage integration.");
      assertThat(run.stderr()).contains("delivery: stage integration failed: port 39081");
    }
    JsonNode summary =
        new ObjectMapper().readTree(dir.resolve(".delivery/out/summary.json").toFile());
    assertThat(summary.get("ok").asBoolean()).isFalse();
    assertThat(summary.get("exitCode").asInt()).isEqualTo(3);
    assertThat(summary.get("stages").get(3).get("detail").asText())
        .contains("port 39081 on 127.0.0.1");
    assertThat(summary.get("images").get(0).get("tags").toString()).doesNotContain("latest");
    assertThat(Docker.leftovers("fixture-integration")).isEmpty();
  }
}
