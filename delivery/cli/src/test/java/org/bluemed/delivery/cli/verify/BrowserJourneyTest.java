package org.bluemed.delivery.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bluemed.delivery.cli.core.ProcessRunner;
import org.bluemed.delivery.cli.core.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Playwright's JSON report turned into checklist lines. */
class BrowserJourneyTest {
  @Test
  void aFailedTestBecomesAFailedLineWithItsFirstErrorLineAndTheScreenshots(@TempDir Path dir)
      throws Exception {
    Path report =
        Files.writeString(
            dir.resolve("journey.json"),
            """
            {"suites": [{"title": "journey.e2e.js", "specs": [
              {"title": "the list shows the specialties the API returns",
               "tests": [{"status": "expected", "results": [{"duration": 1200}]}]},
              {"title": "a deep link to a specialty survives a reload",
               "tests": [{"status": "unexpected", "results": [{"duration": 10400,
                 "error": {"message":
                   "\\u001b[31mError: expect(locator).toHaveAttribute() failed\\u001b[39m\\n"}}]}]}
            ], "suites": [{"title": "nested", "specs": [
              {"title": "a specialty with no open slots says so",
               "tests": [{"status": "skipped", "expectedStatus": "skipped",
                 "annotations": [{"type": "skip"}],
                 "results": [{"status": "skipped", "duration": 0}]}]}]}]}]}
            """);

    List<Step> steps = BrowserJourney.steps(report, "frontend journey", dir.resolve("shots"));

    assertThat(steps)
        .extracting(Step::line)
        .containsExactly(
            "OK      frontend journey: the list shows the specialties the API returns (1.2 s)",
            "FAILED  frontend journey: a deep link to a specialty survives a reload (10.4 s): "
                + "Error: expect(locator).toHaveAttribute() failed (screenshot under "
                + dir.resolve("shots")
                + ")",
            "SKIPPED frontend journey: a specialty with no open slots says so: skipped in the "
                + "journey itself");
  }

  @Test
  void anInterruptedJourneyFailsInsteadOfBeingSkipped(@TempDir Path dir) throws Exception {
    // What Playwright 1.65 writes after a SIGINT: the running test's result is "interrupted",
    // the tests it never started have no result, and all of them have the test status "skipped".
    Path report =
        Files.writeString(
            dir.resolve("journey.json"),
            """
            {"suites": [{"title": "journey.e2e.js", "specs": [
              {"title": "the list shows the specialties the API returns",
               "tests": [{"status": "expected", "expectedStatus": "passed", "annotations": [],
                 "results": [{"status": "passed", "duration": 1200, "errors": []}]}]},
              {"title": "a specialty opens from the list and leads back to it",
               "tests": [{"status": "skipped", "expectedStatus": "passed", "annotations": [],
                 "results": [{"status": "interrupted", "duration": 2300, "errors": []}]}]},
              {"title": "a deep link to a specialty survives a reload",
               "tests": [{"status": "skipped", "expectedStatus": "passed", "annotations": [],
                 "results": []}]}
            ]}],
             "errors": [], "stats": {"expected": 1, "unexpected": 0, "flaky": 0, "skipped": 2}}
            """);

    List<Step> steps = BrowserJourney.steps(report, "frontend journey", dir.resolve("shots"));

    assertThat(steps)
        .extracting(Step::line)
        .containsExactly(
            "OK      frontend journey: the list shows the specialties the API returns (1.2 s)",
            "FAILED  frontend journey: a specialty opens from the list and leads back to it "
                + "(2.3 s): interrupted before it finished",
            "FAILED  frontend journey: a deep link to a specialty survives a reload (0.0 s): "
                + "did not run (the journey was interrupted)");
  }

  @Test
  void aTestTheJourneySkipsOnPurposeIsSkippedWithItsReason(@TempDir Path dir) throws Exception {
    Path report =
        Files.writeString(
            dir.resolve("journey.json"),
            """
            {"suites": [{"title": "journey.e2e.js", "specs": [
              {"title": "a specialty with no open slots says so",
               "tests": [{"status": "skipped", "expectedStatus": "skipped",
                 "annotations": [{"type": "skip",
                   "description": "every specialty has open slots in this data",
                   "location": {"file": "journey.e2e.js", "line": 63, "column": 8}}],
                 "results": [{"status": "skipped", "duration": 310, "errors": [],
                   "annotations": [{"type": "skip",
                     "description": "every specialty has open slots in this data"}]}]}]}
            ]}],
             "errors": [], "stats": {"expected": 0, "unexpected": 0, "flaky": 0, "skipped": 1}}
            """);

    List<Step> steps = BrowserJourney.steps(report, "frontend journey", dir.resolve("shots"));

    assertThat(steps)
        .extracting(Step::line)
        .containsExactly(
            "SKIPPED frontend journey: a specialty with no open slots says so: skipped in the "
                + "journey itself: every specialty has open slots in this data");
  }

  @Test
  void aNonZeroExitFailsTheJourneyEvenWhenEveryTestInTheReportPassed(@TempDir Path dir)
      throws Exception {
    Path report =
        Files.writeString(
            dir.resolve("journey.json"),
            """
            {"suites": [{"title": "journey.e2e.js", "specs": [
              {"title": "the list shows the specialties the API returns",
               "tests": [{"status": "expected", "expectedStatus": "passed", "annotations": [],
                 "results": [{"status": "passed", "duration": 1200, "errors": []}]}]}
            ]}], "errors": []}
            """);
    ProcessRunner.Result playwright =
        new ProcessRunner.Result(
            130, "", List.of("  1 passed (1.4s)", "Error: worker crashed", ""));

    List<Step> steps =
        BrowserJourney.steps(playwright, report, "frontend journey", dir.resolve("shots"));

    assertThat(steps)
        .extracting(Step::line)
        .containsExactly(
            "OK      frontend journey: the list shows the specialties the API returns (1.2 s)",
            "FAILED  frontend journey (0.0 s): Playwright exited with code 130 though no test "
                + "failed: Error: worker crashed");
  }

  @Test
  void aNonZeroExitAddsNoLineWhenATestAlreadyFailed(@TempDir Path dir) throws Exception {
    Path report =
        Files.writeString(
            dir.resolve("journey.json"),
            """
            {"suites": [{"title": "journey.e2e.js", "specs": [
              {"title": "a deep link to a specialty survives a reload",
               "tests": [{"status": "unexpected", "expectedStatus": "passed", "annotations": [],
                 "results": [{"status": "failed", "duration": 10400,
                   "error": {"message": "Error: expect(locator).toHaveAttribute() failed"}}]}]}
            ]}], "errors": []}
            """);
    ProcessRunner.Result playwright = new ProcessRunner.Result(1, "", List.of("  1 failed"));

    List<Step> steps =
        BrowserJourney.steps(playwright, report, "frontend journey", dir.resolve("shots"));

    assertThat(steps)
        .extracting(Step::name)
        .containsExactly("frontend journey: a deep link to a specialty survives a reload");
  }

  @Test
  void theJourneyIsLeftOutForAnEnvironmentUnlessAskedFor() {
    BrowserChoice choice = BrowserChoice.decide(null, "staging", java.util.Optional.empty());

    assertThat(choice.run()).isFalse();
    assertThat(choice.reason()).isEqualTo("runs against an environment only with --browser");
  }

  @Test
  void anAskedForJourneyRunsEvenWithoutABrowserSoItsLineFails() {
    BrowserChoice choice =
        BrowserChoice.decide(
            true, "staging", java.util.Optional.of(Path.of("/nonexistent/chromium")));

    assertThat(choice.run()).isTrue();
  }

  @Test
  void theHeadlessShellIsPreferredAndTheFullBrowserIsTheFallback(@TempDir Path dir)
      throws Exception {
    Path shell = dir.resolve("chromium-headless-shell");
    Path full = Files.createFile(dir.resolve("chromium"));
    full.toFile().setExecutable(true);
    List<Path> candidates = List.of(shell, full);

    assertThat(BrowserJourney.firstInstalled(candidates)).isEqualTo(full);
    Files.createFile(shell).toFile().setExecutable(true);
    assertThat(BrowserJourney.firstInstalled(candidates)).isEqualTo(shell);
  }

  @Test
  void withNoBrowserInstalledTheHeadlessShellIsNamedSoTheErrorSaysWhatToInstall(@TempDir Path dir) {
    List<Path> candidates =
        List.of(dir.resolve("chromium-headless-shell"), dir.resolve("chromium"));

    assertThat(BrowserJourney.firstInstalled(candidates)).isEqualTo(candidates.get(0));
    assertThat(BrowserJourney.DEBIAN_BROWSERS.get(0))
        .isEqualTo(Path.of("/usr/bin/chromium-headless-shell"));
  }
}
