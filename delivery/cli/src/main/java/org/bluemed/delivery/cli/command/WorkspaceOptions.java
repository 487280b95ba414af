package org.bluemed.delivery.cli.command;

import java.nio.file.Path;
import java.util.Optional;
import org.bluemed.delivery.cli.core.Docker;
import org.bluemed.delivery.cli.core.ProcessRunner;
import org.bluemed.delivery.cli.core.Workspace;
import picocli.CommandLine.Option;

/** Options every command shares: which checkout, which registry. */
public final class WorkspaceOptions {
  @Option(
      names = "--repo",
      paramLabel = "DIR",
      description =
          "Monorepo root holding delivery.yml (default: found from the current directory, "
              + "else the checkout of bin/delivery).")
  Path repo;

  @Option(
      names = "--registry",
      paramLabel = "HOST:PORT",
      description = "Image registry (default: $DELIVERY_REGISTRY or 127.0.0.1:5000).")
  String registry;

  Workspace workspace() {
    return Workspace.open(Optional.ofNullable(repo), Optional.ofNullable(registry));
  }

  static ProcessRunner runner() {
    return new ProcessRunner(System.err);
  }

  static Docker docker(Workspace workspace, ProcessRunner runner) {
    return new Docker(runner, workspace.root());
  }
}
