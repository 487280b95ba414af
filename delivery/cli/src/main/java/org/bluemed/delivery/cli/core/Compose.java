package org.bluemed.delivery.cli.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * docker compose v2 where it is installed (build machines have it), else docker-compose v1 (Debian
 * 12 packages only v1); both read the same file.
 */
public final class Compose {
  /** Which implementation to run: AUTO prefers v2 and falls back to v1. */
  public enum Choice {
    AUTO,
    V2,
    V1
  }

  private final ProcessRunner runner;
  private final List<String> base;
  private final String project;
  private final Path file;
  private final Map<String, String> environment;

  private Compose(
      ProcessRunner runner,
      List<String> base,
      String project,
      Path file,
      Map<String, String> environment) {
    this.runner = runner;
    this.base = base;
    this.project = project;
    this.file = file;
    this.environment = environment;
  }

  /** Finds the chosen compose implementation or fails with one clear environment error. */
  public static Compose detect(
      ProcessRunner runner,
      Path file,
      String project,
      Map<String, String> environment,
      Choice choice) {
    if (choice != Choice.V1 && v2Installed(runner, file.getParent())) {
      return new Compose(runner, List.of("docker", "compose"), project, file, environment);
    }
    if (choice == Choice.V2) {
      throw Failure.environment(
          "--compose v2: 'docker compose' is not installed (the Docker CLI finds no compose "
              + "plugin); install it (scripts/ensure-compose-v2.sh) or use --compose auto");
    }
    // v1 is a Python program that takes half a second to say its version; being on the PATH
    // is enough to choose it.
    if (onPath("docker-compose")) {
      return new Compose(runner, List.of("docker-compose"), project, file, environment);
    }
    if (choice == Choice.V1) {
      throw Failure.environment(
          "--compose v1: 'docker-compose' is not on the PATH; install it (Debian: apt-get "
              + "install docker-compose) or use --compose auto");
    }
    throw Failure.environment(
        "neither 'docker compose' (v2) nor 'docker-compose' (v1) is "
            + "installed; install one (Debian: apt-get install docker-compose)");
  }

  private static boolean v2Installed(ProcessRunner runner, Path dir) {
    return runner
        .run(
            ProcessRunner.Spec.of(dir, List.of("docker", "compose", "version"))
                .withTimeout(Duration.ofSeconds(30)))
        .ok();
  }

  private static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    return java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
        .filter(d -> !d.isEmpty())
        .anyMatch(d -> java.nio.file.Files.isExecutable(Path.of(d, program)));
  }

  public String implementation() {
    return String.join(" ", base);
  }

  public ProcessRunner.Result run(Duration timeout, String... args) {
    return runner.run(spec(timeout, args));
  }

  /** Removes the project; runs to its end even while the JVM is being stopped. */
  public ProcessRunner.Result down(Duration timeout, String... options) {
    List<String> args = new ArrayList<>(List.of("down"));
    args.addAll(List.of(options));
    return runner.run(spec(timeout, args.toArray(String[]::new)).outlivingShutdown());
  }

  private ProcessRunner.Spec spec(Duration timeout, String... args) {
    List<String> command = new ArrayList<>(base);
    command.addAll(List.of("--project-name", project, "--file", file.toString()));
    command.addAll(List.of(args));
    return ProcessRunner.Spec.of(file.getParent(), command)
        .withEnvironment(environment)
        .withTimeout(timeout);
  }
}
