package org.bluemed.delivery.cli.core;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bluemed.delivery.config.Component;
import org.bluemed.delivery.config.Naming;

/**
 * Builds one component the way its CodeBuild project does: npm ci, lint, unit tests, and only if
 * all pass, docker build with the component's own Dockerfile. An image built earlier from the same
 * inputs is reused instead.
 */
public final class ComponentBuild {
  /** Label carrying the inputs hash; the tag derived from it finds a reusable image. */
  public static final String INPUTS_LABEL = "org.bluemed.delivery.inputs";

  /** What a build produced. */
  public record Result(
      Component component, String tag, boolean reused, String localReference, List<Step> steps) {
    public boolean ok() {
      return steps.stream().noneMatch(s -> s.status() == Step.Status.FAILED);
    }
  }

  private final Workspace workspace;
  private final ProcessRunner runner;
  private final Docker docker;
  private final PrintStream progress;

  public ComponentBuild(
      Workspace workspace, ProcessRunner runner, Docker docker, PrintStream progress) {
    this.workspace = workspace;
    this.runner = runner;
    this.docker = docker;
    this.progress = progress;
  }

  /** How much earlier work a build may use. */
  public enum Freshness {
    /** An image of identical inputs is reused; otherwise Docker's layer cache helps. */
    REUSE,
    /** Every step runs; Docker's layer cache still helps. */
    REBUILD,
    /** Every step runs and every image layer is built anew, as on a fresh machine. */
    REBUILD_WITHOUT_CACHE
  }

  public Result build(Component component, String tag, Freshness freshness) {
    Naming naming = workspace.naming();
    Path dir = workspace.root().resolve(component.path());
    Map<String, String> buildArgs = workspace.baseImageArgs();
    List<Path> files = ComponentFiles.list(workspace.root(), component.path(), runner);
    // A base image rebuilt under the same name (a security patch) must not let an old image
    // be reused, so its id counts, not only its name.
    Map<String, String> baseImages = new java.util.TreeMap<>(buildArgs);
    buildArgs.forEach(
        (arg, ref) -> docker.imageId(ref).ifPresent(id -> baseImages.put(arg, ref + "@" + id)));
    String inputs = BuildInputs.hash(workspace.root(), files, baseImages);
    String image = naming.imageReference(workspace.registry(), component, tag);
    String cached =
        naming.imageReference(workspace.registry(), component, "inputs-" + inputs.substring(0, 16));
    String who = component.name() + ": ";

    if (freshness == Freshness.REUSE && docker.imageExists(cached)) {
      progress.println(who + "inputs unchanged since " + cached + "; reusing that image.");
      docker.tag(cached, image);
      String reason = "reused image built from identical inputs " + inputs.substring(0, 16);
      List<Step> steps =
          List.of(
              Step.skipped("npm ci", reason), Step.skipped("lint", reason),
              Step.skipped("unit tests", reason), Step.skipped("docker build", reason));
      return report(component, new Result(component, tag, true, image, steps));
    }

    List<Step> steps = new ArrayList<>();
    String[][] npmSteps = {
      {"npm ci", "npm", "ci", "--no-audit", "--no-fund"},
      {"lint", "npm", "run", "lint"},
      {"unit tests", "npm", "test"},
    };
    for (String[] npm : npmSteps) {
      if (steps.stream().anyMatch(s -> s.status() == Step.Status.FAILED)) {
        steps.add(Step.skipped(npm[0], "an earlier step failed"));
        continue;
      }
      steps.add(runStep(component, npm[0], dir, List.of(npm).subList(1, npm.length)));
    }
    if (steps.stream().anyMatch(s -> s.status() == Step.Status.FAILED)) {
      steps.add(Step.skipped("docker build", "no image is built when lint or tests fail"));
      return report(component, new Result(component, tag, false, image, steps));
    }

    progress.println(who + "building image " + image + ".");
    Path dockerfile = dir.resolve("Dockerfile");
    if (!Files.isRegularFile(dockerfile)) {
      steps.add(Step.failed("docker build", Duration.ZERO, dockerfile + " does not exist"));
      return report(component, new Result(component, tag, false, image, steps));
    }
    Instant start = Instant.now();
    // The context holds only the component's files that the inputs hash covers: nothing git
    // ignores (a stray build output, a local secret) can reach the image under this tag.
    Path context =
        ComponentFiles.export(
            workspace.root(),
            component.path(),
            files,
            workspace.outputDirectory().resolve("context").resolve(component.name()));
    ProcessRunner.Result built;
    try {
      built =
          docker.build(
              context,
              context.resolve("Dockerfile"),
              List.of(image, cached),
              buildArgs,
              Map.of(INPUTS_LABEL, inputs, "org.opencontainers.image.revision", tag),
              freshness != Freshness.REBUILD_WITHOUT_CACHE,
              freshLog(component, "docker-build"));
    } finally {
      ComponentFiles.delete(context);
    }
    Duration took = Duration.between(start, Instant.now());
    if (!built.ok()) {
      steps.add(
          Step.failed(
              "docker build",
              took,
              "the Dockerfile failed: "
                  + built.lastLine()
                  + " (full log: "
                  + log(component, "docker-build")
                  + ")"));
    } else {
      steps.add(Step.ok("docker build", took));
    }
    return report(component, new Result(component, tag, false, image, steps));
  }

  private Step runStep(Component component, String name, Path dir, List<String> command) {
    progress.println(component.name() + ": running " + String.join(" ", command) + ".");
    Path logFile = freshLog(component, name.replace(' ', '-'));
    Instant start = Instant.now();
    ProcessRunner.Result result =
        runner.run(
            ProcessRunner.Spec.of(dir, command)
                // JUNIT_FILE: where the component's test runner writes its JUnit XML, if it can.
                .withEnvironment(
                    Map.of(
                        "CI",
                        "true",
                        "JUNIT_FILE",
                        workspace
                            .reportsDirectory()
                            .resolve("unit-" + component.name() + ".xml")
                            .toString()))
                .withTimeout(Duration.ofMinutes(15))
                .withLog(logFile));
    Duration took = Duration.between(start, Instant.now());
    if (result.ok()) {
      return Step.ok(name, took);
    }
    progress.println(component.name() + ": " + name + " failed; last lines:");
    result.tail().stream()
        .skip(Math.max(0, result.tail().size() - 15))
        .forEach(l -> progress.println("  | " + l));
    return Step.failed(
        name,
        took,
        "'"
            + String.join(" ", command)
            + "' exited with "
            + result.exitCode()
            + " (full log: "
            + logFile
            + ")");
  }

  private Path log(Component component, String step) {
    return workspace.logsDirectory().resolve(component.name() + "-" + step + ".log");
  }

  /** The log of a step that starts now: a "full log" link must not show an earlier run. */
  private Path freshLog(Component component, String step) {
    Path file = log(component, step);
    try {
      Files.deleteIfExists(file);
    } catch (java.io.IOException e) {
      throw Failure.environment("cannot replace the log " + file + ": " + e.getMessage());
    }
    return file;
  }

  private Result report(Component component, Result result) {
    JUnitReport.write(
        workspace.reportsDirectory().resolve("build-" + component.name() + ".xml"),
        "build " + component.name(),
        result.steps());
    return result;
  }

  /** Pushes the commit tag, then reads its digest back from the registry. */
  public PushedImage push(Result built, RegistryClient registry) {
    Component component = built.component();
    progress.println(component.name() + ": pushing " + built.localReference() + ".");
    docker.push(built.localReference(), freshLog(component, "docker-push"));
    String digest = requireDigest(registry, component, built.tag());
    return new PushedImage(
        component,
        built.localReference(),
        List.of(built.tag()),
        digest,
        docker.sizeBytes(built.localReference()),
        built.reused());
  }

  /**
   * Moves {@code latest} to a pushed image. Callers do it only for a clean tree whose checks
   * passed, so {@code latest} never names an uncommitted or failing image.
   */
  public PushedImage promoteLatest(PushedImage image, RegistryClient registry) {
    Component component = image.component();
    String latest =
        workspace.naming().imageReference(workspace.registry(), component, Naming.LATEST_TAG);
    docker.tag(image.reference(), latest);
    docker.push(latest, log(component, "docker-push"));
    String digest = requireDigest(registry, component, Naming.LATEST_TAG);
    if (!digest.equals(image.digest())) {
      throw Failure.environment(
          "registry "
              + registry.address()
              + ": "
              + latest
              + " points at "
              + digest
              + ", not at the pushed "
              + image.digest());
    }
    List<String> tags = new ArrayList<>(image.tags());
    tags.add(Naming.LATEST_TAG);
    return new PushedImage(
        component, image.reference(), tags, digest, image.sizeBytes(), image.reused());
  }

  private String requireDigest(RegistryClient registry, Component component, String tag) {
    String repository = workspace.naming().imageRepository(component);
    return registry
        .digest(repository, tag)
        .orElseThrow(
            () ->
                Failure.environment(
                    "registry "
                        + registry.address()
                        + " does not list "
                        + repository
                        + ":"
                        + tag
                        + " right after the push"));
  }

  /** An image that is in the registry under its tags. */
  public record PushedImage(
      Component component,
      String reference,
      List<String> tags,
      String digest,
      long sizeBytes,
      boolean reused) {}
}
