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

  /** Finds a compose implementation or fails with one clear environment error. */
  public static Compose detect(
      ProcessRunner runner, Path file, String project, Map<String, String> environment) {
    Path dir = file.getParent();
    if (runner
        .run(
            ProcessRunner.Spec.of(dir, List.of("docker", "compose", "version"))
                .withTimeout(Duration.ofSeconds(30)))
        .ok()) {
      return new Compose(runner, List.of("docker", "compose"), project, file, environment);
    }
    // v1 is a Python program that takes half a second to say its version; being on the PATH
    // is enough to choose it.
    if (onPath("docker-compose")) {
      return new Compose(runner, List.of("docker-compose"), project, file, environment);
    }
    throw Failure.environment(
        "neither 'docker compose' (v2) nor 'docker-compose' (v1) is "
            + "installed; install one (Debian: apt-get install docker-compose)");
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
