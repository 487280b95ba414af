package org.bluemed.delivery.infra;

import java.util.Optional;
import org.bluemed.delivery.config.DeliveryConfig;
import org.bluemed.delivery.config.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.constructs.Construct;

/**
 * The image registry, in the account and region of the first environment (where the pipeline
 * builds). Every other environment's account may pull from it.
 */
public final class RegistryStack extends Stack {
  private final ImageRegistry registry;
  private final Environment home;

  public RegistryStack(Construct scope, DeliveryConfig config) {
    this(scope, config, config.environments().get(0));
  }

  private RegistryStack(Construct scope, DeliveryConfig config, Environment home) {
    super(
        scope,
        config.naming().registryStack(),
        StackProps.builder()
            .stackName(config.naming().registryStack())
            .description("Container images of " + config.application())
            .env(EnvironmentStack.awsEnvironment(home))
            .build());
    this.home = home;
    this.registry =
        new ImageRegistry(
            this,
            "Images",
            ImageRegistry.Props.defaults(
                config.naming(),
                config.components(),
                config.environments(),
                config.environments().stream()
                    .map(Environment::account)
                    .filter(account -> !account.equals(home.account()))
                    .distinct()
                    .toList()));
    config
        .naming()
        .tags(Optional.empty(), Optional.empty())
        .forEach((key, value) -> Tags.of(this).add(key, value));
  }

  public ImageRegistry registry() {
    return registry;
  }

  /** The environment whose account and region hold the registry. */
  public Environment home() {
    return home;
  }
}
