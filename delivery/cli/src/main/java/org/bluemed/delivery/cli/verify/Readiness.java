package org.bluemed.delivery.cli.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.bluemed.delivery.cli.core.Durations;
import org.bluemed.delivery.cli.core.Step;

/**
 * The first probe of each component, the only request that is retried: a deployment that has just
 * rolled may take a few seconds to answer, but once it has answered, every later check gets one
 * try, so a flaky endpoint shows up as a failure instead of being retried into a pass.
 */
final class Readiness {
  private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(8);

  private final HttpCheck http;
  private final Duration bound;

  /**
   * @param bound how long the retries may take in all; zero means a single attempt
   */
  Readiness(HttpCheck http, Duration bound) {
    this.http = http;
    this.bound = bound;
  }

  Step probe(Target.Endpoint endpoint) {
    String url = endpoint.at(endpoint.healthPath());
    String name = endpoint.component() + " ready at " + url;
    Instant start = Instant.now();
    Instant deadline = start.plus(bound);
    Duration pause = FIRST_PAUSE;
    int attempts = 0;
    String last;
    while (true) {
      attempts++;
      try {
        HttpCheck.Answer a = http.get(url, Map.of());
        // 5xx is what a load balancer answers while no target is healthy yet: worth waiting
        // for. Anything else is the component's own answer, judged by the checks that follow.
        if (a.status() < 500) {
          Duration took = Duration.between(start, Instant.now());
          return attempts == 1
              ? Step.ok(name, took)
              : new Step(name, Step.Status.OK, took, "answered at attempt " + attempts);
        }
        last = url + " answered " + a.summary();
      } catch (HttpCheck.NoAnswer e) {
        last = e.getMessage();
      }
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.isNegative() || left.isZero()) {
        break;
      }
      sleep(pause.compareTo(left) < 0 ? pause : left);
      pause = pause.multipliedBy(2);
      if (pause.compareTo(LONGEST_PAUSE) > 0) {
        pause = LONGEST_PAUSE;
      }
    }
    Duration took = Duration.between(start, Instant.now());
    return Step.failed(
        name,
        took,
        last + (attempts > 1 ? "; " + attempts + " attempts in " + Durations.format(took) : ""));
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
