package org.bluemed.delivery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code delivery build} against a real Docker engine and the loopback registry. */
class BuildCommandTest {
  static final String REGISTRY =
      System.getenv().getOrDefault("DELIVERY_REGISTRY", "127.0.0.1:5000");

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

  private String image(String tag) {
    return REGISTRY + "/fixture-svc:" + tag;
  }

  private String tag() {
    return fixture.head().substring(0, 12);
  }

  @Test
  void aPassingBuildPushesCommitTagAndLatestAndWritesImageDefinitions() throws Exception {
    Path definitions = dir.resolve("out/imagedefinitions.json");

    CliRun run =
        CliRun.in(
            dir,
            Map.of(),
            "build",
            "svc",
            "--no-reuse",
            "--registry",
            REGISTRY,
            "--image-definitions",
            definitions.toString());

    assertThat(run.exitCode()).as(run.all()).isZero();
    JsonNode json = new ObjectMapper().readTree(definitions.toFile());
    assertThat(json.size()).isEqualTo(1);
    assertThat(json.get(0).get("name").asText()).isEqualTo("svc");
    assertThat(json.get(0).get("imageUri").asText()).isEqualTo(image(tag()));
    String digest =
        Docker.run(
                "docker",
                "image",
                "inspect",
                "--format",
                "{{join .RepoDigests \",\"}}",
                image(tag()))
            .text();
    assertThat(digest).contains(REGISTRY + "/fixture-svc@sha256:");
    assertThat(Files.readString(dir.resolve(".delivery/out/reports/build-svc.xml")))
        .contains("tests=\"4\" failures=\"0\"");
  }

  @Test
  void aSecondBuildOfUnchangedInputsReusesTheImageAndAChangeRebuildsIt() throws Exception {
    assertThat(CliRun.in(dir, Map.of(), "build", "svc", "--no-push").exitCode()).isZero();

    CliRun again = CliRun.in(dir, Map.of(), "build", "svc", "--no-push");
    // Unique per run: an edit seen on an earlier run would find that run's image and reuse it.
    fixture.write(
        "svc/server.js",
        Files.readString(dir.resolve("svc/server.js"))
            + "\n// edit "
            + java.util.UUID.randomUUID()
            + "\n");
    fixture.commit();
    CliRun changed = CliRun.in(dir, Map.of(), "build", "svc", "--no-push");

    assertThat(again.exitCode()).isZero();
    assertThat(again.stderr()).contains("inputs unchanged");
    assertThat(again.stdout()).contains("SKIPPED docker build: reused image");
    assertThat(changed.exitCode()).as(changed.all()).isZero();
    assertThat(changed.stdout()).contains("OK      docker build");
  }

  @Test
  void failingLintBuildsAndPushesNoImage() throws Exception {
    fixture.write(
        "svc/package.json",
        """
        {"name": "svc", "version": "1.0.0", "private": true,
         "scripts": {"lint": "node -e \\"console.error('no-unused-vars'); process.exit(1)\\"",
                     "test": "node -e \\"process.exit(0)\\""}}
        """);
    fixture.commit();

    CliRun run = CliRun.in(dir, Map.of(), "build", "svc", "--registry", REGISTRY);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr()).contains("build of svc failed at lint");
    assertThat(run.stdout())
        .contains("SKIPPED docker build: no image is built when lint or tests fail");
    assertThat(Docker.imageExists(image(tag()))).isFalse();
  }

  @Test
  void failingUnitTestsBuildNoImage() throws Exception {
    fixture.write(
        "svc/package.json",
        """
        {"name": "svc", "version": "1.0.0", "private": true,
         "scripts": {"lint": "node -e \\"process.exit(0)\\"",
                     "test": "node -e \\"console.error('1 failing'); process.exit(1)\\""}}
        """);
    fixture.commit();

    CliRun run = CliRun.in(dir, Map.of(), "build", "svc", "--registry", REGISTRY);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr()).contains("build of svc failed at unit tests").contains("1 failing");
    assertThat(Docker.imageExists(image(tag()))).isFalse();
    assertThat(Files.readString(dir.resolve(".delivery/out/reports/build-svc.xml")))
        .contains("failures=\"1\"")
        .contains("<skipped");
  }

  @Test
  void aFailingDockerfileIsReportedWithItsError() throws Exception {
    fixture.write(
        "svc/Dockerfile",
        """
        ARG NODE_IMAGE=node:22-bookworm-slim
        FROM ${NODE_IMAGE}
        RUN echo "the build step broke" && false
        """);
    fixture.commit();

    CliRun run = CliRun.in(dir, Map.of(), "build", "svc", "--registry", REGISTRY);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr()).contains("build of svc failed at docker build: the Dockerfile failed");
    assertThat(Docker.imageExists(image(tag()))).isFalse();
  }

  @Test
  void anUnreachableDockerEngineIsAnEnvironmentError() {
    CliRun run =
        CliRun.in(
            dir,
            Map.of("DOCKER_HOST", "unix:///nonexistent/docker.sock"),
            "build",
            "svc",
            "--no-push");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.stderr())
        .contains("no Docker engine is reachable at unix:///nonexistent/docker.sock")
        .contains("scripts/ensure-docker.sh");
  }

  @Test
  void aRegistryThatIsDownIsAnEnvironmentErrorBeforeAnythingIsBuilt() {
    CliRun run = CliRun.in(dir, Map.of(), "build", "svc", "--registry", "127.0.0.1:1");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.stderr()).contains("registry at 127.0.0.1:1 is not answering");
    assertThat(run.stderr()).doesNotContain("running npm ci");
  }

  @Test
  void anUnknownComponentIsBadInputNamingTheKnownOnes() {
    CliRun run = CliRun.in(dir, Map.of(), "build", "database");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("unknown component 'database': delivery.yml defines [svc]");
  }

  @Test
  void anInvalidConfigurationIsBadInputNamingTheField() throws Exception {
    fixture.write(
        "delivery.yml",
        Files.readString(dir.resolve("delivery.yml"))
            .replace("port: " + Fixture.PORT, "port: high"));

    CliRun run = CliRun.in(dir, Map.of(), "build", "svc");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("components[0].port: string found, integer expected");
  }

  @Test
  void uncommittedChangesGetADistinctTag() throws Exception {
    fixture.write("svc/extra.txt", "not committed\n");

    CliRun run = CliRun.in(dir, Map.of(), "build", "svc", "--no-push");

    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.stdout()).containsPattern("fixture-svc:" + tag() + "-dirty-[0-9a-f]{8}");
  }
}
