package org.bluemed.delivery.cli.command;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.bluemed.delivery.cli.core.Failure;
import org.bluemed.delivery.cli.core.Workspace;
import org.bluemed.delivery.infra.DeliveryApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code delivery synth}: the CloudFormation templates, offline, as {@code cdk synth} writes. */
@Command(
    name = "synth",
    mixinStandardHelpOptions = true,
    description =
        "Synthesize the CloudFormation templates of every stack from delivery.yml, with the "
            + "cdk-nag checks; needs no AWS credentials.")
public final class SynthCommand implements Callable<Integer> {
  @Mixin WorkspaceOptions options;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where to write the cloud assembly (default: .delivery/out/cdk.out).")
  Path out;

  @Override
  public Integer call() {
    Workspace workspace = options.workspace();
    Path dir = out != null ? out.toAbsolutePath() : workspace.outputDirectory().resolve("cdk.out");

    List<Path> templates;
    try {
      templates = DeliveryApp.synth(workspace.config(), dir);
    } catch (IllegalStateException findings) {
      // Error-level findings (cdk-nag among them) stop synthesis; they are a failed check.
      throw Failure.check("synthesis failed: " + findings.getMessage());
    }
    templates.forEach(t -> System.out.println(t));
    System.err.println("Synthesized " + templates.size() + " templates into " + dir + ".");
    return 0;
  }
}
