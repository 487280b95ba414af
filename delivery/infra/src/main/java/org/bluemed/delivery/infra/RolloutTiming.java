package org.bluemed.delivery.infra;

import software.amazon.awscdk.Duration;

/**
 * How fast a rolling deploy moves through the load balancer. A new task must pass {@code
 * healthyThreshold} checks {@code interval} apart before it takes traffic, and an old task keeps
 * draining for {@code deregistrationDelay}; together that is the ALB's share of a rollout.
 *
 * @param interval time between two target-group health checks
 * @param timeout how long one check may take; must be shorter than the interval
 * @param healthyThreshold consecutive passes before a new task takes traffic
 * @param unhealthyThreshold consecutive failures before a task is taken out
 * @param deregistrationDelay how long a replaced task finishes its in-flight requests
 * @param gracePeriod how long ECS ignores failing checks of a task that is still starting
 */
public record RolloutTiming(
    Duration interval,
    Duration timeout,
    int healthyThreshold,
    int unhealthyThreshold,
    Duration deregistrationDelay,
    Duration gracePeriod) {

  /**
   * 10 s x 2 + 30 s = 50 s per service, against the AWS defaults of 30 s x 5 + 300 s = 450 s. Two
   * passes still prove a task answers twice in a row; three failures (30 s) ride out a single slow
   * answer; 30 s of draining exceeds the backend's 10 s shutdown timeout and any API request.
   */
  public static final RolloutTiming FAST =
      new RolloutTiming(
          Duration.seconds(10),
          Duration.seconds(5),
          2,
          3,
          Duration.seconds(30),
          Duration.seconds(60));

  /** Seconds the load balancer adds to a rollout in the worst case. */
  public double albSeconds() {
    return interval.toSeconds().doubleValue() * healthyThreshold
        + deregistrationDelay.toSeconds().doubleValue();
  }
}
