package org.bluemed.delivery.cli.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.bluemed.delivery.cli.core.Failure;
import org.bluemed.delivery.cli.core.JUnitReport;
import org.bluemed.delivery.cli.core.Step;
import org.bluemed.delivery.cli.core.Workspace;
import org.bluemed.delivery.cli.verify.BrowserChoice;
import org.bluemed.delivery.cli.verify.Target;
import org.bluemed.delivery.cli.verify.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code delivery verify}: smoke, API contract, CORS and the browser journey of one target. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description =
        "Verify a running target: smoke checks, the API contract from openapi.yaml, CORS for the "
            + "SPA's origin, and the SPA's journey in a browser. Prints one line per check and "
            + "writes JUnit XML to .delivery/out/reports/verify-<target>.xml.")
public final class VerifyCommand implements Callable<Integer> {
  @Mixin WorkspaceOptions options;

  @Spec CommandSpec spec;

  @Option(
      names = "--target",
      paramLabel = "NAME",
      defaultValue = Target.LOCAL,
      description =
          "'local' (the compose services on 127.0.0.1) or an environment of delivery.yml "
              + "(its public URLs). Default: ${DEFAULT-VALUE}.")
  String target;

  @Option(
      names = "--backend-url",
      paramLabel = "URL",
      description = "The API's base URL, instead of the target's.")
  String backendUrl;

  @Option(
      names = "--frontend-url",
      paramLabel = "URL",
      description = "The SPA's base URL, instead of the target's.")
  String frontendUrl;

  @Option(
      names = "--spa-origin",
      paramLabel = "ORIGIN",
      description =
          "The origin the API must allow (default: http://localhost:<port> for local, the SPA's "
              + "public URL for an environment, the origin of --frontend-url if given).")
  String spaOrigin;

  @Option(
      names = "--openapi",
      paramLabel = "FILE",
      description = "The API's contract (default: openapi.yaml in the API component's directory).")
  Path openApi;

  @Option(
      names = "--cors-credentials",
      description =
          "The API is configured to allow credentials: expect the header, not its absence.")
  boolean corsCredentials;

  @Option(
      names = "--browser",
      negatable = true,
      description =
          "Run the browser journey (default: for local, when a browser is installed). "
              + "--no-browser leaves it out.")
  Boolean browser;

  @Option(
      names = "--chromium",
      paramLabel = "PATH",
      description =
          "The browser for the journey (default: $CHROMIUM_PATH, else "
              + "/usr/bin/chromium-headless-shell, else /usr/bin/chromium).")
  Path chromium;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description = "Bound of every single request (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = "--ready-wait",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description =
          "How long the first probe of each component is retried, with backoff, before it counts "
              + "as down (default: ${DEFAULT-VALUE}).")
  int readyWaitSeconds;

  @Override
  public Integer call() {
    if (timeoutSeconds < 1 || timeoutSeconds > 120) {
      throw Failure.badInput(
          "--timeout: " + timeoutSeconds + " is out of range; use 1 to 120 seconds");
    }
    if (readyWaitSeconds < 0 || readyWaitSeconds > 900) {
      throw Failure.badInput(
          "--ready-wait: " + readyWaitSeconds + " is out of range; use 0 to 900 seconds");
    }
    Workspace workspace = options.workspace();
    Target resolved =
        Target.resolve(
            workspace,
            target,
            new Target.Overrides(
                Optional.ofNullable(backendUrl),
                Optional.ofNullable(frontendUrl),
                Optional.ofNullable(spaOrigin),
                Optional.ofNullable(openApi),
                corsCredentials));
    BrowserChoice choice = BrowserChoice.decide(browser, target, Optional.ofNullable(chromium));

    EnumSet<Verifier.Suite> suites =
        EnumSet.of(Verifier.Suite.SMOKE, Verifier.Suite.CONTRACT, Verifier.Suite.CORS);
    if (choice.run()) {
      suites.add(Verifier.Suite.BROWSER);
    }
    List<Step> steps =
        new Verifier(WorkspaceOptions.runner(), System.err)
            .run(
                resolved,
                new Verifier.Options(
                    suites,
                    Duration.ofSeconds(timeoutSeconds),
                    Duration.ofSeconds(readyWaitSeconds),
                    choice.chromium(),
                    workspace.outputDirectory().resolve("verify")));
    if (!choice.run()) {
      steps.add(Step.skipped("browser journey", choice.reason()));
    }
    JUnitReport.write(
        workspace.reportsDirectory().resolve("verify-" + target + ".xml"),
        "verify-" + target,
        steps);

    PrintWriter out = spec.commandLine().getOut();
    steps.forEach(s -> out.println(s.line()));
    out.println(Verifier.tally(steps));
    out.flush();
    long failed = steps.stream().filter(s -> s.status() == Step.Status.FAILED).count();
    if (failed > 0) {
      throw Failure.check(
          "verification of " + target + " failed: " + failed + " check(s) above are FAILED");
    }
    return 0;
  }
}
