package org.bluemed.delivery.cli.command;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.bluemed.delivery.cli.core.Compose;
import org.bluemed.delivery.cli.core.Failure;
import org.bluemed.delivery.cli.core.LocalFlow;
import org.bluemed.delivery.cli.core.ProcessRunner;
import org.bluemed.delivery.cli.core.Step;
import org.bluemed.delivery.cli.core.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code delivery local}: the whole flow on this checkout. */
@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    description =
        "Run the flow's local stages on this checkout: source, builds in parallel, "
            + "push, integration; then print a summary.")
public final class LocalCommand implements Callable<Integer> {
  @Mixin WorkspaceOptions options;

  @Mixin FreshnessOptions freshness;

  @Mixin HealthWaitOption healthWait;

  @Mixin ComposeOption compose;

  @Override
  public Integer call() {
    Duration waitBound = healthWait.bound();
    Compose.Choice composeChoice = compose.choice();
    Workspace workspace = options.workspace();
    ProcessRunner runner = WorkspaceOptions.runner();
    LocalFlow flow =
        new LocalFlow(
            workspace,
            runner,
            WorkspaceOptions.docker(workspace, runner),
            System.err,
            freshness.freshness(),
            waitBound,
            composeChoice);

    LocalFlow.Summary summary = flow.run();
    LocalFlow.print(summary, System.out);
    if (!summary.ok()) {
      LocalFlow.StageResult failed =
          summary.stages().stream()
              .filter(s -> s.status() == Step.Status.FAILED)
              .findFirst()
              .orElseThrow();
      throw new Failure(
          summary.failedAs(), "stage " + failed.name() + " failed: " + failed.detail());
    }
    return 0;
  }
}
