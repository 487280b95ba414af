package org.bluemed.delivery.cli.command;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.bluemed.delivery.cli.core.Compose;
import org.bluemed.delivery.cli.core.Failure;
import org.bluemed.delivery.cli.core.Integration;
import org.bluemed.delivery.cli.core.JUnitReport;
import org.bluemed.delivery.cli.core.ProcessRunner;
import org.bluemed.delivery.cli.core.Source;
import org.bluemed.delivery.cli.core.Step;
import org.bluemed.delivery.cli.core.Workspace;
import org.bluemed.delivery.cli.verify.Verifier;
import org.bluemed.delivery.config.Naming;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code delivery integrate}: the docker-compose integration check. */
@Command(
    name = "integrate",
    mixinStandardHelpOptions = true,
    description =
        "Run docker-compose.yml with the images of one tag, check every service, and "
            + "tear everything down.")
public final class IntegrateCommand implements Callable<Integer> {
  @Mixin WorkspaceOptions options;

  @Option(
      names = "--tag",
      paramLabel = "TAG",
      description = "Image tag to run (default: the tag of the current commit).")
  String tag;

  @Mixin HealthWaitOption healthWait;

  @Mixin ComposeOption compose;

  @Override
  public Integer call() {
    if (tag != null && !Naming.isImageTag(tag)) {
      throw Failure.badInput(
          "--tag: '"
              + tag
              + "' is not an image tag; use letters, digits, '_', '.' and '-' (up to 128, not "
              + "starting with '.' or '-'), for example 10819e093075");
    }
    Duration waitBound = healthWait.bound();
    Compose.Choice composeChoice = compose.choice();
    Workspace workspace = options.workspace();
    ProcessRunner runner = WorkspaceOptions.runner();
    String imageTag = tag != null ? tag : Source.of(workspace, runner).tag();

    List<Step> steps =
        new Integration(
                workspace,
                runner,
                WorkspaceOptions.docker(workspace, runner),
                System.err,
                false,
                composeChoice)
            .run(imageTag, waitBound);
    JUnitReport.write(
        workspace.reportsDirectory().resolve("integration.xml"), "integration", steps);

    steps.forEach(s -> System.out.println(s.line()));
    long failed = steps.stream().filter(s -> s.status() == Step.Status.FAILED).count();
    System.out.println(Verifier.tally(steps));
    if (failed > 0) {
      throw Failure.check(
          "integration of tag " + imageTag + " failed; the services' logs are above");
    }
    return 0;
  }
}
