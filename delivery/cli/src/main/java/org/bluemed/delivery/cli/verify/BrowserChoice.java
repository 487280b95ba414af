package org.bluemed.delivery.cli.verify;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the browser journey runs, and why not when it does not: asked for, it always runs (and
 * fails without a browser); not asked for, it runs against {@code local} when a browser is there.
 */
public record BrowserChoice(boolean run, Path chromium, String reason) {
  public static BrowserChoice decide(Boolean asked, String target, Optional<Path> given) {
    Path chromium = BrowserJourney.chromium(given);
    if (asked != null) {
      return new BrowserChoice(asked, chromium, asked ? "" : "left out with --no-browser");
    }
    if (!target.equals(Target.LOCAL)) {
      return new BrowserChoice(false, chromium, "runs against an environment only with --browser");
    }
    return BrowserJourney.usable(chromium)
        ? new BrowserChoice(true, chromium, "")
        : new BrowserChoice(
            false,
            chromium,
            "no browser at " + chromium + "; install chromium-headless-shell or pass --chromium");
  }
}
