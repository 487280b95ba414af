package org.bluemed.delivery.cli.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.bluemed.delivery.config.plan.StagePlan;

/**
 * {@code delivery local}: the stages of the plan that run on one machine, in order, with the
 * actions of a stage in parallel, then a summary. The first failing stage stops the flow.
 */
public final class LocalFlow {
  /** How one stage went. */
  public record StageResult(String name, Step.Status status, Duration duration, String detail) {}

  /**
   * Everything the summary shows; also written as JSON for the benchmark. {@code failedAs} is the
   * kind of the failure that stopped the flow (a stage's checks, or a bad input or environment
   * error met midway); it means nothing while every stage passed.
   */
  public record Summary(
      String commit,
      String tag,
      List<StageResult> stages,
      List<ComponentBuild.PushedImage> images,
      List<Step> buildSteps,
      List<Step> integrationSteps,
      Failure.Kind failedAs) {
    public boolean ok() {
      return stages.stream().allMatch(s -> s.status() == Step.Status.OK);
    }
  }

  private final Workspace workspace;
  private final ProcessRunner runner;
  private final Docker docker;
  private final PrintStream progress;
  private final ComponentBuild.Freshness freshness;
  private final Duration integrationWait;
  private final Compose.Choice composeChoice;

  public LocalFlow(
      Workspace workspace,
      ProcessRunner runner,
      Docker docker,
      PrintStream progress,
      ComponentBuild.Freshness freshness,
      Duration integrationWait,
      Compose.Choice composeChoice) {
    this.workspace = workspace;
    this.runner = runner;
    this.docker = docker;
    this.progress = progress;
    this.freshness = freshness;
    this.integrationWait = integrationWait;
    this.composeChoice = composeChoice;
  }

  public Summary run() {
    try {
      // A summary left by an earlier run must not pass for this one's if it stops midway.
      java.nio.file.Files.deleteIfExists(workspace.outputDirectory().resolve("summary.json"));
    } catch (IOException e) {
      throw Failure.environment("cannot replace the run summary: " + e.getMessage());
    }
    docker.requireEngine();
    RegistryClient registry = new RegistryClient(workspace.registry());
    registry.requireReachable();
    StagePlan plan = StagePlan.of(workspace.config());

    Run run = new Run(new ComponentBuild(workspace, runner, docker, progress), registry);
    List<StageResult> stages = new ArrayList<>();
    Failure.Kind failedAs = Failure.Kind.CHECK_FAILED;
    for (StagePlan.Stage stage : plan.localStages()) {
      progress.println("== Stage " + stage.name() + " ==");
      Instant start = Instant.now();
      Optional<String> failure;
      try {
        failure = run.stage(stage);
      } catch (Failure stopped) {
        // A port taken or the registry gone midway still ends with the summary of what ran;
        // the command then exits with this failure's own code.
        failure = Optional.of(stopped.getMessage());
        failedAs = stopped.kind();
      }
      if (failure.isPresent() && ProcessRunner.stopping()) {
        // What failed then is the programs the signal stopped, not the commit's checks.
        failure = Optional.of("stopped by a signal (Ctrl-C or SIGTERM) before it finished");
      }
      Duration took = Duration.between(start, Instant.now());
      stages.add(
          new StageResult(
              stage.name(),
              failure.isEmpty() ? Step.Status.OK : Step.Status.FAILED,
              took,
              failure.orElse("")));
      if (failure.isPresent()) {
        break;
      }
    }
    plan.localStages().stream()
        .skip(stages.size())
        .forEach(
            s ->
                stages.add(
                    new StageResult(
                        s.name(), Step.Status.SKIPPED, Duration.ZERO, "an earlier stage failed")));

    Summary summary =
        new Summary(
            run.source == null ? "" : run.source.commitId(),
            run.source == null ? "" : run.source.tag(),
            stages,
            run.images,
            run.buildSteps,
            run.integrationSteps,
            failedAs);
    writeJson(summary);
    return summary;
  }

  /** What the stages of one run hand on to each other; each stage returns its failure. */
  private final class Run {
    private final ComponentBuild builder;
    private final RegistryClient registry;
    private Source source;
    private List<ComponentBuild.Result> built = List.of();
    private final List<ComponentBuild.PushedImage> images = new ArrayList<>();
    private final List<Step> buildSteps = new ArrayList<>();
    private final List<Step> integrationSteps = new ArrayList<>();

    Run(ComponentBuild builder, RegistryClient registry) {
      this.builder = builder;
      this.registry = registry;
    }

    Optional<String> stage(StagePlan.Stage stage) {
      return switch (stage.actions().get(0).verb()) {
        case SOURCE -> source();
        case BUILD -> build(stage.actions());
        case PUSH -> push(stage.actions());
        case INTEGRATE -> integrate();
        default -> throw new IllegalStateException("stage " + stage.name() + " is not local");
      };
    }

    Optional<String> source() {
      source = Source.of(workspace, runner);
      progress.println(
          "Commit "
              + source.commitId()
              + (source.dirty()
                  ? " with uncommitted changes; images get the distinct tag " + source.tag() + "."
                  : "; images get the tag " + source.tag() + "."));
      return Optional.empty();
    }

    Optional<String> build(List<StagePlan.Action> actions) {
      built =
          parallel(
              actions, a -> builder.build(a.component().orElseThrow(), source.tag(), freshness));
      for (ComponentBuild.Result r : built) {
        for (Step s : r.steps()) {
          buildSteps.add(
              new Step(
                  r.component().name() + ": " + s.name(), s.status(), s.duration(), s.detail()));
        }
      }
      return built.stream()
          .filter(r -> !r.ok())
          .map(r -> r.component().name() + " failed at " + Step.firstFailed(r.steps()).name())
          .reduce((x, y) -> x + "; " + y);
    }

    Optional<String> push(List<StagePlan.Action> actions) {
      images.addAll(parallel(actions, a -> builder.push(builtFor(a), registry)));
      Path definitions =
          ImageDefinitions.write(
              workspace.outputDirectory().resolve("imagedefinitions.json"),
              workspace.config(),
              images.stream()
                  .map(
                      i ->
                          new ImageDefinitions.Entry(
                              workspace.naming().containerName(i.component()), i.reference()))
                  .toList());
      progress.println("Wrote " + definitions + ".");
      return Optional.empty();
    }

    Optional<String> integrate() {
      integrationSteps.addAll(
          new Integration(workspace, runner, docker, progress, true, composeChoice)
              .run(source.tag(), integrationWait));
      JUnitReport.write(
          workspace.reportsDirectory().resolve("integration.xml"), "integration", integrationSteps);
      // The summary line names the first failed check; the checklist above has them all.
      List<String> failed =
          integrationSteps.stream()
              .filter(s -> s.status() == Step.Status.FAILED)
              .map(s -> s.name() + ": " + s.detail())
              .toList();
      if (!failed.isEmpty()) {
        String first = failed.get(0);
        return Optional.of(
            failed.size() == 1
                ? first
                : first + " (and " + (failed.size() - 1) + " more failed checks)");
      }
      if (source.dirty()) {
        progress.println(
            "latest stays where it was: " + source.tag() + " has uncommitted changes.");
        return Optional.empty();
      }
      // latest moves only to images of a commit that passed every check.
      List<ComponentBuild.PushedImage> promoted = new ArrayList<>();
      for (ComponentBuild.PushedImage image : images) {
        promoted.add(builder.promoteLatest(image, registry));
      }
      images.clear();
      images.addAll(promoted);
      return Optional.empty();
    }

    private ComponentBuild.Result builtFor(StagePlan.Action action) {
      return built.stream()
          .filter(r -> r.component().equals(action.component().orElseThrow()))
          .findFirst()
          .orElseThrow();
    }
  }

  private <T> List<T> parallel(List<StagePlan.Action> actions, Function<StagePlan.Action, T> work) {
    ExecutorService pool = Executors.newFixedThreadPool(actions.size());
    try {
      List<Future<T>> futures =
          actions.stream().map(a -> pool.submit(() -> work.apply(a))).toList();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Failure.check("interrupted");
    } finally {
      pool.shutdownNow();
    }
  }

  private void writeJson(Summary summary) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("commit", summary.commit());
    json.put("tag", summary.tag());
    json.put("ok", summary.ok());
    json.put("exitCode", summary.ok() ? 0 : summary.failedAs().exitCode());
    json.put(
        "stages",
        summary.stages().stream()
            .map(s -> timing(s.name(), s.status(), s.duration(), s.detail()))
            .toList());
    json.put(
        "images",
        summary.images().stream()
            .map(
                i ->
                    Map.of(
                        "component",
                        i.component().name(),
                        "reference",
                        i.reference(),
                        "tags",
                        i.tags(),
                        "digest",
                        i.digest(),
                        "sizeBytes",
                        i.sizeBytes(),
                        "reused",
                        i.reused()))
            .toList());
    json.put(
        "buildSteps",
        summary.buildSteps().stream()
            .map(s -> timing(s.name(), s.status(), s.duration(), s.detail()))
            .toList());
    json.put(
        "integrationSteps",
        summary.integrationSteps().stream()
            .map(s -> timing(s.name(), s.status(), s.duration(), s.detail()))
            .toList());
    try {
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(workspace.outputDirectory().resolve("summary.json").toFile(), json);
    } catch (IOException e) {
      throw Failure.environment("failed to write the run summary: " + e.getMessage());
    }
  }

  private static Map<String, Object> timing(
      String name, Step.Status status, Duration duration, String detail) {
    return Map.of(
        "name",
        name,
        "status",
        status.name(),
        "seconds",
        duration.toMillis() / 1000.0,
        "detail",
        detail);
  }

  private static String repository(ComponentBuild.PushedImage image) {
    return image.reference().substring(0, image.reference().lastIndexOf(':'));
  }

  /** The summary as people read it: one line per stage, then per image. */
  public static void print(Summary summary, PrintStream out) {
    out.println();
    if (!summary.buildSteps().isEmpty()) {
      out.println("Build checks:");
      summary.buildSteps().forEach(s -> out.println("  " + s.line()));
    }
    if (!summary.integrationSteps().isEmpty()) {
      out.println("Integration checks:");
      summary.integrationSteps().forEach(s -> out.println("  " + s.line()));
    }
    out.println();
    out.println("Summary of commit " + summary.commit() + " (tag " + summary.tag() + ")");
    out.println("  stage         result   duration");
    for (StageResult s : summary.stages()) {
      out.println(
          "  %-13s %-8s %9s%s"
              .formatted(
                  s.name(),
                  s.status(),
                  Durations.format(s.duration()),
                  s.detail().isEmpty() ? "" : "  " + s.detail()));
    }
    if (!summary.images().isEmpty()) {
      int repoWidth = 5;
      int tagsWidth = 4;
      for (ComponentBuild.PushedImage i : summary.images()) {
        repoWidth = Math.max(repoWidth, repository(i).length());
        tagsWidth = Math.max(tagsWidth, String.join(", ", i.tags()).length());
      }
      String row = "  %-" + repoWidth + "s  %-" + tagsWidth + "s  %-10s %s%s";
      out.println(row.formatted("image", "tags", "size", "digest", ""));
      for (ComponentBuild.PushedImage i : summary.images()) {
        out.println(
            row.formatted(
                repository(i),
                String.join(", ", i.tags()),
                Durations.bytes(i.sizeBytes()),
                i.digest(),
                i.reused() ? "  (reused)" : ""));
      }
    }
    out.println(
        summary.ok()
            ? "Result: OK, every local stage passed."
            : "Result: FAILED at stage "
                + summary.stages().stream()
                    .filter(s -> s.status() == Step.Status.FAILED)
                    .map(StageResult::name)
                    .findFirst()
                    .orElse("?")
                + ".");
  }
}
