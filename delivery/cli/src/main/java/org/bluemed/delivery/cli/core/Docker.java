package org.bluemed.delivery.cli.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Docker engine, driven through the docker client the same way a CodeBuild job drives it, so a
 * step behaves the same on a laptop and in the pipeline.
 */
public final class Docker {
  private final ProcessRunner runner;
  private final Path workingDirectory;

  public Docker(ProcessRunner runner, Path workingDirectory) {
    this.runner = runner;
    this.workingDirectory = workingDirectory;
  }

  /** Fails with an environment error when no engine answers. */
  public String requireEngine() {
    ProcessRunner.Result result;
    try {
      result =
          run(List.of("docker", "info", "--format", "{{.ServerVersion}}"), Duration.ofSeconds(30));
    } catch (Failure hung) {
      throw Failure.environment(
          "the Docker engine did not answer 'docker info' within 30 s; check dockerd's log "
              + "(/var/log/bluemed-dockerd.log when scripts/ensure-docker.sh started it)");
    }
    if (!result.ok() || result.output().isBlank()) {
      String where =
          Optional.ofNullable(System.getenv("DOCKER_HOST")).orElse("unix:///var/run/docker.sock");
      throw Failure.environment(
          "no Docker engine is reachable at "
              + where
              + ": "
              + result.lastLine()
              + "; start one with scripts/ensure-docker.sh");
    }
    return result.output().strip();
  }

  /** Builds an image; the caller decides what a failed build means. */
  public ProcessRunner.Result build(
      Path context,
      Path dockerfile,
      List<String> tags,
      Map<String, String> buildArgs,
      Map<String, String> labels,
      boolean useLayerCache,
      Path logFile) {
    List<String> command =
        // --force-rm: the classic builder otherwise keeps the container of a failed step.
        new ArrayList<>(List.of("docker", "build", "--force-rm", "--file", dockerfile.toString()));
    if (!useLayerCache) {
      command.add("--no-cache");
    }
    tags.forEach(t -> command.addAll(List.of("--tag", t)));
    buildArgs.forEach((k, v) -> command.addAll(List.of("--build-arg", k + "=" + v)));
    labels.forEach((k, v) -> command.addAll(List.of("--label", k + "=" + v)));
    command.add(context.toString());
    return runner.run(
        ProcessRunner.Spec.of(workingDirectory, command)
            .withTimeout(Duration.ofMinutes(30))
            .withLog(logFile));
  }

  /** The local image id of a reference, when the engine has that image. */
  public Optional<String> imageId(String reference) {
    ProcessRunner.Result result =
        run(
            List.of("docker", "image", "inspect", "--format", "{{.Id}}", reference),
            Duration.ofSeconds(30));
    return result.ok() ? Optional.of(result.output().strip()) : Optional.empty();
  }

  public boolean imageExists(String reference) {
    return run(
            List.of("docker", "image", "inspect", "--format", "{{.Id}}", reference),
            Duration.ofSeconds(30))
        .ok();
  }

  public long sizeBytes(String reference) {
    ProcessRunner.Result result =
        run(
            List.of("docker", "image", "inspect", "--format", "{{.Size}}", reference),
            Duration.ofSeconds(30));
    return result.ok() ? Long.parseLong(result.output().strip()) : -1;
  }

  public void tag(String source, String target) {
    ProcessRunner.Result result =
        run(List.of("docker", "tag", source, target), Duration.ofSeconds(30));
    if (!result.ok()) {
      throw Failure.environment(
          "failed to tag " + source + " as " + target + ": " + result.lastLine());
    }
  }

  /** Pushes one tag; a registry that does not answer is an environment error. */
  public void push(String reference, Path logFile) {
    ProcessRunner.Result result =
        runner.run(
            ProcessRunner.Spec.of(workingDirectory, List.of("docker", "push", reference))
                .withTimeout(Duration.ofMinutes(10))
                .withLog(logFile));
    if (!result.ok()) {
      throw Failure.environment("failed to push " + reference + ": " + result.lastLine());
    }
  }

  /** Whether a compose project has any container or network on this engine. */
  public boolean composeProjectExists(String project) {
    String label = "label=com.docker.compose.project=" + project;
    for (List<String> query :
        List.of(
            List.of("docker", "ps", "--all", "--quiet", "--filter", label),
            List.of("docker", "network", "ls", "--quiet", "--filter", label))) {
      ProcessRunner.Result result = run(query, Duration.ofSeconds(30));
      if (!result.ok() || !result.output().isBlank()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The last results of a container's own health check (Docker keeps five), one line each, oldest
   * first; none when the container has no health check or is gone.
   */
  public List<String> healthLog(String container) {
    ProcessRunner.Result result =
        run(
            List.of(
                "docker",
                "inspect",
                "--format",
                "{{if .State.Health}}{{range .State.Health.Log}}exit {{.ExitCode}}: "
                    + "{{json .Output}}\n{{end}}{{end}}",
                container),
            Duration.ofSeconds(30));
    return result.ok() ? result.output().lines().filter(l -> !l.isBlank()).toList() : List.of();
  }

  public ProcessRunner.Result run(List<String> command, Duration timeout) {
    return runner.run(ProcessRunner.Spec.of(workingDirectory, command).withTimeout(timeout));
  }
}
