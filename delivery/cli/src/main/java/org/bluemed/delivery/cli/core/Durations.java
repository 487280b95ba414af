package org.bluemed.delivery.cli.core;

import java.time.Duration;

/** Durations as people read them in a summary. */
public final class Durations {
  private Durations() {}

  public static String format(Duration d) {
    long millis = d.toMillis();
    if (millis < 60_000) {
      return "%.1f s".formatted(millis / 1000.0);
    }
    return "%d min %02d s".formatted(millis / 60_000, (millis / 1000) % 60);
  }

  public static String bytes(long size) {
    if (size < 0) {
      return "unknown";
    }
    return size < 1024 * 1024
        ? "%d KiB".formatted(size / 1024)
        : "%.1f MiB".formatted(size / 1048576.0);
  }
}
