package org.bluemed.delivery.infra;

import java.util.ArrayList;
import java.util.List;
import org.bluemed.delivery.config.ConfigException;
import org.bluemed.delivery.config.DeliveryConfig;
import org.bluemed.delivery.config.Environment;

/**
 * Limits AWS puts on names the configuration produces, which the configuration itself cannot know
 * about. Checked before any stack is built, each problem naming the field to change.
 */
final class InfraRules {
  /** Elastic Load Balancing refuses longer load-balancer names. */
  static final int MAX_LOAD_BALANCER_NAME = 32;

  private InfraRules() {}

  static void check(DeliveryConfig config) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < config.environments().size(); i++) {
      Environment environment = config.environments().get(i);
      String name = config.naming().loadBalancer(environment);
      if (name.length() > MAX_LOAD_BALANCER_NAME) {
        problems.add(
            "environments["
                + i
                + "].name: '"
                + environment.name()
                + "' makes the load balancer name '"
                + name
                + "' "
                + name.length()
                + " characters long; with application '"
                + config.application()
                + "' it must be at most "
                + (MAX_LOAD_BALANCER_NAME - config.application().length() - 1)
                + " characters");
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }
}
