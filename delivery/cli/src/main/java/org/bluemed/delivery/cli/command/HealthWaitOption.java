package org.bluemed.delivery.cli.command;

import java.time.Duration;
import org.bluemed.delivery.cli.core.Failure;
import picocli.CommandLine.Option;

/** How long compose services may take to become healthy; shared by integrate and local. */
public final class HealthWaitOption {
  @Option(
      names = "--wait",
      paramLabel = "SECONDS",
      defaultValue = "120",
      description = "How long services may take to become healthy (default: ${DEFAULT-VALUE}).")
  int seconds;

  Duration bound() {
    if (seconds < 1 || seconds > 1800) {
      throw Failure.badInput("--wait: " + seconds + " is out of range; use 1 to 1800 seconds");
    }
    return Duration.ofSeconds(seconds);
  }
}
