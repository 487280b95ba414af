package org.bluemed.delivery.cli.verify;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.bluemed.delivery.cli.core.ProcessRunner;
import org.bluemed.delivery.cli.core.Step;

/**
 * The verification of one target: readiness first, then smoke, API contract, CORS and the browser
 * journey, each a list of checklist lines. A component that never became ready gets its checks
 * SKIPPED with that reason rather than a wall of identical failures.
 */
public final class Verifier {
  /** The groups of checks, in the order they run. */
  public enum Suite {
    SMOKE,
    CONTRACT,
    CORS,
    BROWSER
  }

  /**
   * How to verify.
   *
   * @param timeout bound of every single request (connect and answer)
   * @param readyWait how long the first probe of each component may be retried; zero skips the
   *     readiness lines (the caller has already waited, as the integration check does)
   * @param chromium the browser for the journey
   * @param outputDirectory where the journey's report and screenshots go
   */
  public record Options(
      Set<Suite> suites,
      Duration timeout,
      Duration readyWait,
      Path chromium,
      Path outputDirectory) {
    public Options {
      suites = suites.isEmpty() ? EnumSet.noneOf(Suite.class) : EnumSet.copyOf(suites);
    }
  }

  private final ProcessRunner runner;
  private final PrintStream progress;

  public Verifier(ProcessRunner runner, PrintStream progress) {
    this.runner = runner;
    this.progress = progress;
  }

  public List<Step> run(Target target, Options options) {
    HttpCheck http = new HttpCheck(options.timeout());
    // Read before any request, so a spec that does not parse stops the run as bad input.
    Optional<OpenApiContract> contract =
        options.suites().contains(Suite.CONTRACT)
            ? target.openApi().map(OpenApiContract::load)
            : Optional.empty();
    List<Step> steps = new ArrayList<>();

    // Both probes wait at the same time: a target that never answers fails in one bound.
    CompletableFuture<Optional<Step>> spaProbe =
        CompletableFuture.supplyAsync(() -> probe(http, target.spa(), options));
    Optional<Step> apiProbe = probe(http, target.api(), options);
    Optional<Step> spaStep = spaProbe.join();
    apiProbe.ifPresent(steps::add);
    spaStep.ifPresent(steps::add);
    boolean apiReady = apiProbe.map(Verifier::ok).orElse(true);
    boolean spaReady = spaStep.map(Verifier::ok).orElse(true);
    // The journey drives a browser for seconds while the HTTP checks take a fraction of one: it
    // starts first and runs beside them; its lines still come last.
    CompletableFuture<List<Step>> journey =
        options.suites().contains(Suite.BROWSER)
            ? CompletableFuture.supplyAsync(() -> journey(target, options, spaReady && apiReady))
            : CompletableFuture.completedFuture(List.of());

    if (options.suites().contains(Suite.SMOKE)) {
      progress.println("Verify: smoke checks of " + target.name() + ".");
      target
          .api()
          .ifPresent(
              api ->
                  steps.addAll(
                      unlessDown(
                          apiReady,
                          api,
                          () ->
                              new SmokeChecks(http).api(api, Target.LOCAL.equals(target.name())))));
      target
          .spa()
          .ifPresent(
              spa -> steps.addAll(unlessDown(spaReady, spa, () -> new SmokeChecks(http).spa(spa))));
    }
    if (options.suites().contains(Suite.CONTRACT)) {
      target
          .api()
          .ifPresent(
              api -> {
                if (contract.isEmpty()) {
                  steps.add(
                      Step.skipped(
                          api.component() + " contract",
                          "no openapi.yaml in the component's directory"));
                } else if (!apiReady) {
                  steps.add(
                      Step.skipped(
                          api.component() + " contract", api.component() + " is not ready"));
                } else {
                  progress.println("Verify: API contract from " + contract.get().file() + ".");
                  steps.addAll(new ContractChecks(http).run(api, contract.get()));
                }
              });
    }
    if (options.suites().contains(Suite.CORS)) {
      target
          .api()
          .ifPresent(
              api -> {
                if (target.spa().isEmpty()) {
                  steps.add(Step.skipped(api.component() + " CORS", "no SPA component calls it"));
                } else if (!apiReady) {
                  steps.add(
                      Step.skipped(api.component() + " CORS", api.component() + " is not ready"));
                } else {
                  progress.println("Verify: CORS for the SPA origin " + target.spaOrigin() + ".");
                  steps.addAll(new CorsChecks(http).run(api, target));
                }
              });
    }
    steps.addAll(joined(journey));
    return steps;
  }

  /** The journey's lines; a failure thrown in it reaches the caller as itself. */
  private static List<Step> joined(CompletableFuture<List<Step>> journey) {
    try {
      return journey.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private List<Step> journey(Target target, Options options, boolean ready) {
    if (target.spa().isEmpty()) {
      return List.of();
    }
    Target.Endpoint spa = target.spa().get();
    if (!ready) {
      return List.of(Step.skipped(spa.component() + " journey", "the SPA or its API is not ready"));
    }
    progress.println("Verify: browser journey at " + target.spaOrigin() + ".");
    return new BrowserJourney(runner, options.chromium(), options.outputDirectory()).run(target);
  }

  private static Optional<Step> probe(
      HttpCheck http, Optional<Target.Endpoint> endpoint, Options options) {
    if (endpoint.isEmpty() || options.readyWait().isZero()) {
      return Optional.empty();
    }
    return Optional.of(new Readiness(http, options.readyWait()).probe(endpoint.get()));
  }

  private static boolean ok(Step step) {
    return step.status() == Step.Status.OK;
  }

  private static List<Step> unlessDown(
      boolean ready, Target.Endpoint endpoint, Supplier<List<Step>> checks) {
    return ready
        ? checks.get()
        : List.of(
            Step.skipped(endpoint.component() + " smoke", endpoint.component() + " is not ready"));
  }

  /** {@code 12 passed, 1 failed, 2 skipped}: the closing line of every checklist. */
  public static String tally(List<Step> steps) {
    long failed = steps.stream().filter(s -> s.status() == Step.Status.FAILED).count();
    long skipped = steps.stream().filter(s -> s.status() == Step.Status.SKIPPED).count();
    long passed = steps.size() - failed - skipped;
    return passed
        + " passed, "
        + failed
        + " failed"
        + (skipped > 0 ? ", " + skipped + " skipped" : "");
  }
}
