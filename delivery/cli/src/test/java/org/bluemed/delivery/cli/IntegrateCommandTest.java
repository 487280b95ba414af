package org.bluemed.delivery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code delivery integrate} with a real compose run, healthy and not; each run with both compose
 * generations, v1 as Debian packages it and v2 as build machines have it.
 */
class IntegrateCommandTest {
  @TempDir static Path dir;
  static Fixture fixture;

  @BeforeAll
  static void buildTheImageOnce() throws Exception {
    Docker.requireEngine();
    fixture = Fixture.create(dir);
    CliRun build = CliRun.in(dir, Map.of(), "build", "svc", "--no-push");
    assertThat(build.exitCode()).as(build.all()).isZero();
  }

  /** What the integration says it runs the services with. */
  private static String startedWith(String compose) {
    return compose.equals("v2") ? "with docker compose." : "with docker-compose.";
  }

  @ParameterizedTest(name = "compose {0}")
  @ValueSource(strings = {"v1", "v2"})
  void aHealthyServicePassesAndNothingIsLeftBehind(String compose) {
    Docker.requireCompose(compose);
    CliRun run = CliRun.in(dir, Map.of(), "integrate", "--wait", "60", "--compose", compose);

    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.stderr()).contains(startedWith(compose));
    assertThat(run.stdout())
        .contains("OK      svc healthy at http://127.0.0.1:39081/health")
        .contains("OK      svc health is JSON")
        .contains("SKIPPED svc contract: no openapi.yaml in the component's directory")
        .contains("4 passed, 0 failed, 1 skipped");
    assertThat(Docker.leftovers("fixture-integration")).isEmpty();
  }

  @ParameterizedTest(name = "compose {0}")
  @ValueSource(strings = {"v1", "v2"})
  void anUnhealthyServiceFailsShowsItsLogsAndIsTornDown(String compose) {
    Docker.requireCompose(compose);
    CliRun run =
        CliRun.in(
            dir, Map.of("SVC_HEALTHY", "false"), "integrate", "--wait", "8", "--compose", compose);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr()).contains(startedWith(compose));
    assertThat(run.stdout())
        .contains("FAILED  svc healthy at http://127.0.0.1:39081/health")
        .contains("did not answer 200 within 8 s");
    assertThat(run.stderr())
        .contains("Integration: logs of svc:")
        .contains("removed every container, network and volume");
    assertThat(Docker.leftovers("fixture-integration")).isEmpty();
  }

  @Test
  void aPortAlreadyInUseIsAnEnvironmentErrorAndNothingIsStarted() throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(Fixture.PORT, 1, java.net.InetAddress.getLoopbackAddress())) {
      CliRun run = CliRun.in(dir, Map.of(), "integrate", "--wait", "10");

      assertThat(run.exitCode()).isEqualTo(3);
      assertThat(run.stderr())
          .contains("port 39081 on 127.0.0.1, where svc is published, is already in use");
    }
    assertThat(Docker.leftovers("fixture-integration")).isEmpty();
  }

  @ParameterizedTest(name = "compose {0}")
  @ValueSource(strings = {"v1", "v2"})
  void stoppingTheCommandMidwayStillTearsEverythingDown(String compose) throws Exception {
    Docker.requireCompose(compose);
    // Outside the fixture, whose tree must stay clean for its tag to stay the built one.
    java.nio.file.Path output = java.nio.file.Files.createTempFile("interrupted", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                DeliveryCommand.class.getName(),
                "integrate",
                "--wait",
                "60",
                "--compose",
                compose)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().put("SVC_HEALTHY", "false");
    Process process = builder.start();
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline
        && !(java.nio.file.Files.exists(output)
            && java.nio.file.Files.readString(output).contains("Integration: starting"))) {
      Thread.sleep(200);
    }
    Thread.sleep(4000);

    process.destroy(); // SIGTERM runs the JVM's shutdown hooks, as Ctrl-C's SIGINT does
    process.waitFor();

    assertThat(java.nio.file.Files.readString(output))
        .contains("removed every container, network and volume");
    assertThat(Docker.leftovers("fixture-integration")).isEmpty();
  }

  @ParameterizedTest(name = "compose {0}")
  @ValueSource(strings = {"v1", "v2"})
  void aComposeUpThatFailsNamesItsErrorAndLeavesNothingBehind(String compose) throws Exception {
    Docker.requireCompose(compose);
    // An image that can be neither found nor pulled: the registry port is closed.
    withComposeFileExtendedBy(
        """
            unpullable:
              image: 127.0.0.1:1/nothing:here
          """,
        () -> {
          CliRun run = integrateBuiltImage(Map.of(), "10", compose);

          assertThat(run.exitCode()).isEqualTo(1);
          assertThat(run.stdout()).containsPattern("FAILED  compose up \\([0-9.]+ s\\): .+");
          assertThat(run.stderr()).contains("Integration: compose up failed:");
        });
    assertThat(Docker.leftovers("fixture-integration")).isEmpty();
  }

  @Test
  void aSecondIntegrationOfTheSameProjectIsRefusedAndLeavesTheFirstAlone() throws Exception {
    java.nio.file.Path lockFile =
        java.nio.file.Path.of(
            System.getProperty("java.io.tmpdir"), "delivery-fixture-integration.lock");
    try (java.nio.channels.FileChannel channel =
            java.nio.channels.FileChannel.open(
                lockFile,
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE);
        java.nio.channels.FileLock running = channel.lock()) {
      CliRun run = CliRun.in(dir, Map.of(), "integrate", "--wait", "10");

      assertThat(run.exitCode()).isEqualTo(3);
      assertThat(run.stderr())
          .contains("another integration of compose project fixture-integration is running");
      assertThat(run.stderr()).doesNotContain("Integration: starting");
    }
  }

  @Test
  void anImageThatWasNeverBuiltIsBadInput() {
    CliRun run = CliRun.in(dir, Map.of(), "integrate", "--tag", "000000000000");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("fixture-svc:000000000000 of svc does not exist");
  }

  @Test
  void anOutOfRangeWaitIsBadInput() {
    CliRun run = CliRun.in(dir, Map.of(), "integrate", "--wait", "0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("--wait: 0 is out of range");
  }

  @Test
  void anUnknownComposeChoiceIsBadInputNamingTheOptionAndItsVariable() {
    CliRun typed = CliRun.in(dir, Map.of(), "integrate", "--compose", "v3");
    CliRun fromEnvironment = CliRun.in(dir, Map.of("DELIVERY_COMPOSE", "podman"), "integrate");
    CliRun upperCase = CliRun.in(dir, Map.of(), "integrate", "--compose", "V2");

    assertThat(typed.exitCode()).isEqualTo(2);
    assertThat(typed.stderr())
        .contains("--compose (or $DELIVERY_COMPOSE): 'v3' is not a choice; use auto, v2 or v1");
    assertThat(fromEnvironment.exitCode()).isEqualTo(2);
    assertThat(fromEnvironment.stderr()).contains("'podman' is not a choice");
    assertThat(upperCase.exitCode()).isEqualTo(2);
    assertThat(typed.stderr()).doesNotContain("Integration: starting");
  }

  @Test
  void composeV1ChosenButNotInstalledIsAnEnvironmentErrorAndNothingIsStarted() throws Exception {
    // A PATH with only docker and git: the Docker CLI works, docker-compose is nowhere.
    java.nio.file.Path bin = java.nio.file.Files.createTempDirectory("path-without-compose");
    for (String program : java.util.List.of("docker", "git")) {
      java.nio.file.Path real = Docker.which(program);
      java.nio.file.Files.createSymbolicLink(bin.resolve(program), real);
    }
    CliRun run = CliRun.in(dir, Map.of("PATH", bin.toString()), "integrate", "--compose", "v1");

    assertThat(run.exitCode()).as(run.all()).isEqualTo(3);
    assertThat(run.stderr())
        .contains("--compose v1: 'docker-compose' is not on the PATH")
        .doesNotContain("Integration: starting");
    assertThat(Docker.leftovers("fixture-integration")).isEmpty();
  }

  @ParameterizedTest(name = "compose {0}")
  @ValueSource(strings = {"v1", "v2"})
  void aComposeFileComposeCannotReadIsBadInputAndNothingStarts(String compose) throws Exception {
    Docker.requireCompose(compose);
    withComposeFileExtendedBy(
        "  svc: [this is not a service\n",
        () -> {
          CliRun run = integrateBuiltImage(Map.of(), "10", compose);

          assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
          assertThat(run.stderr())
              .contains("docker-compose.yml is not a compose file")
              .doesNotContain("Integration: starting")
              .doesNotContain("tear-down failed");
        });
    assertThat(Docker.leftovers("fixture-integration")).isEmpty();
  }

  @ParameterizedTest(name = "compose {0}")
  @ValueSource(strings = {"v1", "v2"})
  void composeUpWaitingOnAnUnhealthyDependencyIsStoppedByTheWaitBound(String compose)
      throws Exception {
    Docker.requireCompose(compose);
    // up waits for svc's health check before it starts the dependent service; svc never
    // becomes healthy, and its health check would keep compose waiting for two minutes.
    withComposeFileExtendedBy(
        """
              healthcheck:
                test: ["CMD", "node", "-e", "process.exit(process.env.HEALTHY === 'true' ? 0 : 1)"]
                interval: 1s
                retries: 120
            dependent:
              image: ${SVC_IMAGE}
              command: ["node", "-e", "setTimeout(() => {}, 600000)"]
              depends_on:
                svc:
                  condition: service_healthy
          """,
        () -> {
          CliRun run = integrateBuiltImage(Map.of("SVC_HEALTHY", "false"), "3", compose);

          assertThat(run.exitCode()).as(run.all()).isEqualTo(1);
          assertThat(run.stdout())
              .containsPattern(
                  "FAILED  compose up \\([0-9.]+ s\\): did not finish within --wait 3 s");
          assertThat(run.stderr())
              .contains("Integration: health checks of svc (oldest first):")
              .containsPattern("  \\| exit 1: ");
        });
    assertThat(Docker.leftovers("fixture-integration")).isEmpty();
  }

  @ParameterizedTest(name = "compose {0}")
  @ValueSource(strings = {"v1", "v2"})
  void aComposeFileThatPublishesAComponentElsewhereIsBadInputAndNothingStarts(String compose)
      throws Exception {
    Docker.requireCompose(compose);
    withComposeFileChangedBy(
        original -> original.replace("127.0.0.1:39081:39081", "127.0.0.1:39082:39081"),
        () -> {
          CliRun run = integrateBuiltImage(Map.of(), "10", compose);

          assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
          assertThat(run.stderr())
              .contains(
                  "docker-compose.yml: service svc publishes 39082 -> 39081, but delivery.yml "
                      + "publishes svc on 39081 -> 39081 (localPort -> port)")
              .doesNotContain("Integration: starting");
        });
    assertThat(Docker.leftovers("fixture-integration")).isEmpty();
  }

  /**
   * {@code delivery integrate} of the image built for the fixture's commit, also while a test has
   * its compose file changed (the tree is dirty then, and its own tag was never built).
   */
  private static CliRun integrateBuiltImage(Map<String, String> env, String wait, String compose) {
    String tag = fixture.head().substring(0, 12);
    return CliRun.in(dir, env, "integrate", "--tag", tag, "--wait", wait, "--compose", compose);
  }

  interface Check {
    void run() throws Exception;
  }

  /** Runs {@code check} with text added to the fixture's compose file, then restores the file. */
  private static void withComposeFileExtendedBy(String extra, Check check) throws Exception {
    withComposeFileChangedBy(original -> original + extra, check);
  }

  /** Runs {@code check} with the fixture's compose file changed, then restores the file. */
  private static void withComposeFileChangedBy(
      java.util.function.UnaryOperator<String> change, Check check) throws Exception {
    java.nio.file.Path composeFile = dir.resolve("docker-compose.yml");
    String original = java.nio.file.Files.readString(composeFile);
    try {
      fixture.write("docker-compose.yml", change.apply(original));
      check.run();
    } finally {
      java.nio.file.Files.writeString(composeFile, original);
    }
  }
}
