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
  void aBuildFromUncommittedChangesPushesItsOwnTagButNeverMovesLatest() throws Exception {
    assertThat(CliRun.in(dir, Map.of(), "build", "svc", "--registry", REGISTRY).exitCode())
        .isZero();
    String latestBefore = registryDigest("latest");
    fixture.write("svc/extra.txt", "uncommitted " + java.util.UUID.randomUUID() + "\n");

    CliRun run = CliRun.in(dir, Map.of(), "build", "svc", "--registry", REGISTRY);

    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.stderr()).contains("latest stays where it was");
    assertThat(registryDigest("latest")).isEqualTo(latestBefore);
  }

  @Test
  void twoDifferentUncommittedEditsNeverShareATag() throws Exception {
    fixture.write("svc/extra.txt", "first edit\n");
    CliRun first = CliRun.in(dir, Map.of(), "build", "svc", "--no-push");
    fixture.write("svc/extra.txt", "second edit\n");
    CliRun second = CliRun.in(dir, Map.of(), "build", "svc", "--no-push");

    assertThat(first.exitCode()).as(first.all()).isZero();
    assertThat(second.exitCode()).as(second.all()).isZero();
    assertThat(tagIn(first.stdout())).isNotEqualTo(tagIn(second.stdout()));
  }

  @Test
  void aFileGitIgnoresNeverReachesTheImage() throws Exception {
    fixture.write(".gitignore", ".delivery/\nnode_modules/\n*.secret\n");
    fixture.write(
        "svc/Dockerfile",
        """
        ARG NODE_IMAGE=node:22-bookworm-slim
        FROM ${NODE_IMAGE}
        COPY . /app
        CMD ["node", "/app/server.js"]
        """);
    fixture.commit();
    fixture.write("svc/local.secret", "SECRET=do-not-ship\n");

    CliRun run = CliRun.in(dir, Map.of(), "build", "svc", "--no-push", "--no-reuse");

    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(tagIn(run.stdout())).isEqualTo(tag());
    String files =
        Docker.run("docker", "run", "--rm", "--entrypoint", "ls", image(tag()), "/app").text();
    assertThat(files).contains("server.js").doesNotContain("local.secret");
  }

  @Test
  void aSymbolicLinkIsCopiedAsALinkNotAsTheFileItPointsAt() throws Exception {
    Path outside = Files.createTempFile("outside-the-repo", ".txt");
    Files.writeString(outside, "SECRET from outside the repository\n");
    Files.createSymbolicLink(dir.resolve("svc/outside.txt"), outside);
    fixture.write(
        "svc/Dockerfile",
        """
        ARG NODE_IMAGE=node:22-bookworm-slim
        FROM ${NODE_IMAGE}
        COPY . /app
        CMD ["node", "/app/server.js"]
        """);
    fixture.commit();

    // --no-cache: the classic builder's layer cache does not look at where a link points, so
    // an earlier run's layer with another target could be taken.
    CliRun run = CliRun.in(dir, Map.of(), "build", "svc", "--no-push", "--no-cache");

    assertThat(run.exitCode()).as(run.all()).isZero();
    String link =
        Docker.run(
                "docker",
                "run",
                "--rm",
                "--entrypoint",
                "readlink",
                image(tag()),
                "/app/outside.txt")
            .text()
            .strip();
    assertThat(link).isEqualTo(outside.toString());
    String content =
        Docker.run("docker", "run", "--rm", "--entrypoint", "cat", image(tag()), "/app/outside.txt")
            .text();
    assertThat(content).doesNotContain("SECRET");
  }

  @Test
  void aRebuiltBaseImageOfTheSameNameIsNotReused() throws Exception {
    String base = "fixture-base/node:" + java.util.UUID.randomUUID().toString().substring(0, 8);
    String real =
        Files.readString(dir.resolve(".delivery/base-images.env"))
            .lines()
            .filter(l -> l.startsWith("NODE_IMAGE="))
            .findFirst()
            .orElseThrow()
            .substring(11);
    try {
      assertThat(Docker.run("docker", "tag", real, base).exit()).isZero();
      fixture.write(".delivery/base-images.env", "NODE_IMAGE=" + base + "\n");
      assertThat(CliRun.in(dir, Map.of(), "build", "svc", "--no-push").exitCode()).isZero();
      Path context = Files.createTempDirectory("rebase");
      Files.writeString(context.resolve("Dockerfile"), "FROM " + real + "\nENV PATCHED=1\n");
      assertThat(Docker.run("docker", "build", "-q", "-t", base, context.toString()).exit())
          .isZero();

      CliRun again = CliRun.in(dir, Map.of(), "build", "svc", "--no-push");

      assertThat(again.exitCode()).as(again.all()).isZero();
      assertThat(again.stdout()).contains("OK      docker build");
    } finally {
      Docker.run("docker", "image", "rm", "-f", base);
    }
  }

  @Test
  void aCommitGivenByThePipelineMustBeTheCheckedOutOneAndDirtStillCounts() throws Exception {
    fixture.write("svc/extra.txt", "uncommitted\n");

    CliRun other =
        CliRun.in(dir, Map.of("DELIVERY_COMMIT", "2".repeat(40)), "build", "svc", "--no-push");
    CliRun same =
        CliRun.in(dir, Map.of("DELIVERY_COMMIT", fixture.head()), "build", "svc", "--no-push");

    assertThat(other.exitCode()).isEqualTo(2);
    assertThat(other.stderr()).contains("is not the checked-out commit " + fixture.head());
    assertThat(same.exitCode()).as(same.all()).isZero();
    assertThat(tagIn(same.stdout())).startsWith(tag() + "-dirty-");
  }

  @Test
  void badOptionValuesAreRefusedBeforeAnythingIsBuilt() {
    CliRun relative = CliRun.in(dir, Map.of(), "build", "svc", "--image-definitions", "x.json");
    CliRun registry = CliRun.in(dir, Map.of(), "build", "svc", "--registry", "not a host");
    CliRun port = CliRun.in(dir, Map.of(), "build", "svc", "--registry", "localhost:99999");
    CliRun unwritable =
        CliRun.in(dir, Map.of(), "build", "svc", "--image-definitions", "/dev/null/x.json");

    assertThat(relative.exitCode()).isEqualTo(2);
    assertThat(relative.stderr())
        .contains("--image-definitions: x.json is not absolute")
        .doesNotContain("running npm ci");
    assertThat(registry.exitCode()).isEqualTo(2);
    assertThat(registry.stderr()).contains("--registry: 'not a host' is not HOST[:PORT]");
    assertThat(port.exitCode()).isEqualTo(2);
    assertThat(port.stderr()).contains("--registry: 'localhost:99999' is not HOST[:PORT]");
    assertThat(unwritable.exitCode()).isEqualTo(2);
    assertThat(unwritable.stderr())
        .contains("cannot create the directory of /dev/null/x.json")
        .doesNotContain("running npm ci");
  }

  @Test
  void stoppingABuildStopsItsChildProcessesTooEvenOnesThatIgnoreSigterm() throws Exception {
    String marker = "delivery-test-sleeper-" + java.util.UUID.randomUUID();
    fixture.write(
        "svc/package.json",
        """
        {"name": "svc", "version": "1.0.0", "private": true,
         "scripts": {"lint": "node -e \\"process.exit(0)\\"",
                     "test": "node sleeper.js %s"}}
        """
            .formatted(marker));
    // A test run that ignores SIGTERM, as npm does for seconds: it must be killed all the same.
    fixture.write(
        "svc/sleeper.js", "process.on('SIGTERM', () => {});\nsetTimeout(() => {}, 1e5);\n");
    fixture.commit();
    Path output = Files.createTempFile("stopped-build", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                DeliveryCommand.class.getName(),
                "build",
                "svc",
                "--no-push",
                "--no-reuse")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    Process process = builder.start();
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline && !sleeperRunning(marker)) {
      Thread.sleep(200);
    }
    assertThat(sleeperRunning(marker)).as(Files.readString(output)).isTrue();

    process.destroy(); // SIGTERM, as a cancelled CI job sends
    process.waitFor();
    Thread.sleep(1000);

    assertThat(sleeperRunning(marker)).isFalse();
  }

  private static boolean sleeperRunning(String marker) {
    return ProcessHandle.allProcesses()
        .anyMatch(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false));
  }

  private static String tagIn(String stdout) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("fixture-svc:([0-9a-z-]+)").matcher(stdout);
    assertThat(m.find()).as(stdout).isTrue();
    return m.group(1);
  }

  private String registryDigest(String tag) {
    return Docker.run(
            "curl",
            "-sI",
            "-H",
            "Accept: application/vnd.docker.distribution.manifest.v2+json",
            "http://" + REGISTRY + "/v2/fixture-svc/manifests/" + tag)
        .text()
        .lines()
        .filter(l -> l.toLowerCase().startsWith("docker-content-digest"))
        .findFirst()
        .orElse("none");
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
