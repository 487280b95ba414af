package org.bluemed.delivery.cli.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bluemed.delivery.cli.core.Failure;
import org.bluemed.delivery.cli.core.ProcessRunner;
import org.bluemed.delivery.cli.core.Step;

/**
 * The SPA's journey in a real browser: the Playwright tests in the SPA's {@code e2e/} directory,
 * run with the machine's Chromium (never a browser Playwright downloads), one checklist line per
 * test. Screenshots of failed tests are kept under the verify output directory.
 */
final class BrowserJourney {
  /**
   * Debian's browsers, first choice first: the headless shell (package chromium-headless-shell, the
   * build Playwright itself runs headless tests with; the journey takes half the time it takes in
   * the full browser), then the full browser (package chromium). CodeBuild images set
   * CHROMIUM_PATH.
   */
  static final List<Path> DEBIAN_BROWSERS =
      List.of(Path.of("/usr/bin/chromium-headless-shell"), Path.of("/usr/bin/chromium"));

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProcessRunner runner;
  private final Path chromium;
  private final Path outputDirectory;

  BrowserJourney(ProcessRunner runner, Path chromium, Path outputDirectory) {
    this.runner = runner;
    this.chromium = chromium;
    this.outputDirectory = outputDirectory;
  }

  /**
   * The browser to use: an explicit path, else $CHROMIUM_PATH, else the first of Debian's that is
   * installed (the headless shell when neither is, so the error names the package to install).
   */
  static Path chromium(Optional<Path> given) {
    return given
        .or(() -> Optional.ofNullable(System.getenv("CHROMIUM_PATH")).map(Path::of))
        .orElseGet(() -> firstInstalled(DEBIAN_BROWSERS));
  }

  /** The first of the candidates that can be run, else the first one. */
  static Path firstInstalled(List<Path> candidates) {
    return candidates.stream().filter(BrowserJourney::usable).findFirst().orElse(candidates.get(0));
  }

  static boolean usable(Path chromium) {
    return Files.isExecutable(chromium);
  }

  List<Step> run(Target target) {
    String spa = target.spa().map(Target.Endpoint::component).orElse("spa");
    String name = spa + " journey";
    Path dir = target.journey().orElse(null);
    if (dir == null) {
      return List.of(Step.skipped(name, "the SPA has no e2e/ directory with a journey"));
    }
    if (!usable(chromium)) {
      return List.of(
          Step.failed(
              name,
              Duration.ZERO,
              "no browser at "
                  + chromium
                  + "; install Debian's chromium-headless-shell or pass --chromium "
                  + "(Playwright's own browser downloads are not used)"));
    }
    Optional<Step> install = install(dir, name);
    if (install.isPresent()) {
      return List.of(install.get());
    }

    Path screenshots = outputDirectory.resolve("screenshots");
    Path report = outputDirectory.resolve("journey.json");
    try {
      Files.createDirectories(outputDirectory);
      Files.deleteIfExists(report);
    } catch (IOException e) {
      throw Failure.environment("cannot prepare " + outputDirectory + ": " + e.getMessage());
    }
    ProcessRunner.Result result =
        runner.run(
            ProcessRunner.Spec.of(dir, List.of("node_modules/.bin/playwright", "test"))
                .withEnvironment(
                    Map.of(
                        "JOURNEY_BASE_URL", target.spaOrigin(),
                        "JOURNEY_OUTPUT", screenshots.toString(),
                        "JOURNEY_REPORT", report.toString(),
                        "CHROMIUM_PATH", chromium.toString(),
                        "CI", "1"))
                .withTimeout(Duration.ofMinutes(5))
                .echoedAs("  journey | "));
    return steps(result, report, name, screenshots);
  }

  /**
   * The checklist lines of a finished Playwright run: its report's lines, and a failed line of its
   * own when Playwright exited non-zero though no test in the report failed (a crash after the
   * report, or a report that misses what went wrong), so a non-zero exit never passes.
   */
  static List<Step> steps(
      ProcessRunner.Result playwright, Path report, String name, Path screenshots) {
    if (!Files.isRegularFile(report)) {
      return List.of(
          Step.failed(
              name,
              Duration.ZERO,
              "Playwright wrote no report (exit "
                  + playwright.exitCode()
                  + "): "
                  + playwright.lastLine()));
    }
    List<Step> steps = new ArrayList<>(steps(report, name, screenshots));
    if (steps.isEmpty()) {
      return List.of(
          Step.failed(name, Duration.ZERO, "Playwright ran no test: " + playwright.lastLine()));
    }
    boolean anyFailed = steps.stream().anyMatch(s -> s.status() == Step.Status.FAILED);
    if (!playwright.ok() && !anyFailed) {
      steps.add(
          Step.failed(
              name,
              Duration.ZERO,
              "Playwright exited with code "
                  + playwright.exitCode()
                  + " though no test failed: "
                  + playwright.lastLine()));
    }
    return steps;
  }

  /** Installs Playwright's test runner from the journey's lockfile when it is not there yet. */
  private Optional<Step> install(Path dir, String name) {
    if (Files.isDirectory(dir.resolve("node_modules/@playwright/test"))) {
      return Optional.empty();
    }
    ProcessRunner.Result ci =
        runner.run(
            ProcessRunner.Spec.of(dir, List.of("npm", "ci", "--no-audit", "--no-fund"))
                // Playwright must never fetch a browser of its own here.
                .withEnvironment(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))
                .withTimeout(Duration.ofMinutes(5))
                .echoedAs("  npm ci | "));
    return ci.ok()
        ? Optional.empty()
        : Optional.of(
            Step.failed(name, Duration.ZERO, "npm ci in " + dir + " failed: " + ci.lastLine()));
  }

  /** One step per test of Playwright's JSON report, in the order the tests ran. */
  static List<Step> steps(Path report, String prefix, Path screenshots) {
    JsonNode root;
    try {
      root = JSON.readTree(report.toFile());
    } catch (IOException e) {
      throw Failure.environment(
          "cannot read Playwright's report " + report + ": " + e.getMessage());
    }
    List<Step> steps = new ArrayList<>();
    collect(root.path("suites"), prefix, screenshots, steps);
    return steps;
  }

  private static void collect(JsonNode suites, String prefix, Path screenshots, List<Step> out) {
    for (JsonNode suite : suites) {
      for (JsonNode spec : suite.path("specs")) {
        for (JsonNode test : spec.path("tests")) {
          String name = prefix + ": " + spec.path("title").asText();
          JsonNode results = test.path("results");
          JsonNode last = results.isEmpty() ? null : results.get(results.size() - 1);
          Duration took = Duration.ofMillis(last == null ? 0 : last.path("duration").asLong());
          String lastStatus = last == null ? "" : last.path("status").asText();
          Optional<JsonNode> skip = deliberateSkip(test);
          // Playwright reports an interrupted test, and one it never started, with the test
          // status "skipped", the same as a test.skip(); only the skip annotation tells them apart.
          if (lastStatus.equals("interrupted")) {
            out.add(Step.failed(name, took, "interrupted before it finished"));
            continue;
          }
          switch (test.path("status").asText()) {
            case "expected" -> out.add(Step.ok(name, took));
            case "skipped" -> {
              if (skip.isPresent()) {
                String why = skip.get().path("description").asText();
                out.add(
                    Step.skipped(
                        name, "skipped in the journey itself" + (why.isBlank() ? "" : ": " + why)));
              } else if (last == null) {
                out.add(Step.failed(name, took, "did not run (the journey was interrupted)"));
              } else {
                out.add(
                    Step.failed(
                        name, took, "did not run (Playwright skipped it, the journey does not)"));
              }
            }
            default ->
                out.add(
                    Step.failed(
                        name,
                        took,
                        firstLine(last == null ? "" : last.path("error").path("message").asText())
                            + " (screenshot under "
                            + screenshots
                            + ")"));
          }
        }
      }
      collect(suite.path("suites"), prefix, screenshots, out);
    }
  }

  /**
   * The test.skip() or test.fixme() annotation Playwright records on a deliberately skipped test.
   */
  private static Optional<JsonNode> deliberateSkip(JsonNode test) {
    for (JsonNode annotation : test.path("annotations")) {
      String type = annotation.path("type").asText();
      if (type.equals("skip") || type.equals("fixme")) {
        return Optional.of(annotation);
      }
    }
    return Optional.empty();
  }

  private static String firstLine(String message) {
    String plain = message.replaceAll("\u001b\\[[0-9;]*m", "");
    return plain.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("failed");
  }
}
