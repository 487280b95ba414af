package org.bluemed.delivery.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
               "tests": [{"status": "skipped", "results": [{"duration": 0}]}]}]}]}]}
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
