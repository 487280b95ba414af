package org.bluemed.delivery.cli.command;

import org.bluemed.delivery.cli.core.ComponentBuild;
import picocli.CommandLine.Option;

/** How much earlier work a build may use; shared by build and local. */
public final class FreshnessOptions {
  @Option(
      names = "--no-reuse",
      description = "Rebuild even when an image of identical inputs exists.")
  boolean noReuse;

  @Option(
      names = "--no-cache",
      description =
          "Rebuild without Docker's layer cache either, as on a fresh machine (implies "
              + "--no-reuse).")
  boolean noCache;

  ComponentBuild.Freshness freshness() {
    if (noCache) {
      return ComponentBuild.Freshness.REBUILD_WITHOUT_CACHE;
    }
    return noReuse ? ComponentBuild.Freshness.REBUILD : ComponentBuild.Freshness.REUSE;
  }
}
