package org.bluemed.delivery.cli.core;

import java.time.Duration;

/** One step of a build or check, as it is reported in the summary and in JUnit XML. */
public record Step(String name, Status status, Duration duration, String detail) {
  /** OK, FAILED or SKIPPED, each with a reason where it is not OK. */
  public enum Status {
    OK,
    FAILED,
    SKIPPED
  }

  public static Step ok(String name, Duration duration) {
    return new Step(name, Status.OK, duration, "");
  }

  public static Step failed(String name, Duration duration, String detail) {
    return new Step(name, Status.FAILED, duration, detail);
  }

  public static Step skipped(String name, String reason) {
    return new Step(name, Status.SKIPPED, Duration.ZERO, reason);
  }

  /** The first failed step of a list that has one. */
  public static Step firstFailed(java.util.List<Step> steps) {
    return steps.stream().filter(s -> s.status() == Status.FAILED).findFirst().orElseThrow();
  }

  /** The checklist line: {@code OK lint (3.2 s)}. */
  public String line() {
    String text = "%-7s %s".formatted(status, name);
    if (status != Status.SKIPPED) {
      text += " (" + Durations.format(duration) + ")";
    }
    return detail.isEmpty() ? text : text + ": " + detail;
  }
}
