package org.bluemed.delivery.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every name the delivery system gives to something: images, containers, stacks, clusters,
 * services, log groups, parameters and tags. No other class assembles a resource name.
 */
public final class Naming {
  /** Length of the commit id used in image tags: short enough to read, long enough to be unique. */
  public static final int COMMIT_TAG_LENGTH = 12;

  public static final String LATEST_TAG = "latest";

  /** Docker's grammar of a tag in an image reference. */
  private static final Pattern IMAGE_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  private final DeliveryConfig config;

  Naming(DeliveryConfig config) {
    this.config = config;
  }

  public String application() {
    return config.application();
  }

  /** ECR repository (and local registry repository) of a component: {@code bluemed-backend}. */
  public String imageRepository(Component component) {
    return config.application() + "-" + component.name();
  }

  /**
   * Container name in the task definition and in {@code imagedefinitions.json}; the ECS deploy
   * action matches the two by this name.
   */
  public String containerName(Component component) {
    return component.name();
  }

  /** Image reference in a registry: {@code 127.0.0.1:5000/bluemed-backend:3f2a9c1b7d10}. */
  public String imageReference(String registry, Component component, String tag) {
    return registry + "/" + imageRepository(component) + ":" + tag;
  }

  /**
   * The immutable tag of a commit. A tree with uncommitted changes gets a distinct tag, so an image
   * built from it can never be mistaken for the commit's own.
   */
  public String commitTag(String commitId, Optional<String> dirtyDigest) {
    String tag = commitId.substring(0, Math.min(COMMIT_TAG_LENGTH, commitId.length()));
    return dirtyDigest
        .map(d -> tag + "-dirty-" + d.substring(0, Math.min(8, d.length())))
        .orElse(tag);
  }

  /**
   * Whether Docker accepts {@code tag} as the tag of an image reference: letters, digits, '_', '.'
   * and '-', up to 128, not starting with '.' or '-'.
   */
  public static boolean isImageTag(String tag) {
    return IMAGE_TAG.matcher(tag).matches();
  }

  /** The docker-compose project of the integration check, so tear-down finds all it made. */
  public String composeProject() {
    return config.application() + "-integration";
  }

  /**
   * The variable docker-compose.yml reads a component's image from ({@code BACKEND_IMAGE}), so the
   * integration check runs the images just built rather than building its own.
   */
  public String composeImageVariable(Component component) {
    return component.name().toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_IMAGE";
  }

  /** The compose service of a component has the component's name. */
  public String composeService(Component component) {
    return component.name();
  }

  public String networkStack() {
    return config.application() + "-network";
  }

  public String registryStack() {
    return config.application() + "-registry";
  }

  public String environmentStack(Environment environment) {
    return config.application() + "-" + environment.name();
  }

  /** The stack that creates an environment's deployed-tag parameters once, holding "none". */
  public String deployedTagsStack(Environment environment) {
    return environmentStack(environment) + "-deployed-tags";
  }

  public String pipelineStack() {
    return config.application() + "-pipeline";
  }

  public String cluster(Environment environment) {
    return config.application() + "-" + environment.name();
  }

  public String service(Environment environment, Component component) {
    return cluster(environment) + "-" + component.name();
  }

  public String taskFamily(Environment environment, Component component) {
    return service(environment, component);
  }

  public String logGroup(Environment environment, Component component) {
    return logGroupPrefix(environment) + "/" + component.name();
  }

  /** Every log group of an environment starts with this; its key may serve nothing else. */
  public String logGroupPrefix(Environment environment) {
    return "/" + config.application() + "/" + environment.name();
  }

  /**
   * Prefix of a component's run-time configuration in Parameter Store and Secrets Manager: the task
   * role may read below it and nowhere else.
   */
  public String parameterPrefix(Environment environment, Component component) {
    return "/" + config.application() + "/" + environment.name() + "/" + component.name();
  }

  /** Secrets Manager names cannot start with a slash. */
  public String secretPrefix(Environment environment, Component component) {
    return parameterPrefix(environment, component).substring(1);
  }

  /**
   * The SSM parameter that records which commit tag runs in an environment; its version history is
   * the deployment log, and the CDK app reads it so {@code cdk deploy} never reverts a deploy.
   */
  public String deployedTagParameter(Environment environment, Component component) {
    return "/"
        + config.application()
        + "/deployments/"
        + environment.name()
        + "/"
        + component.name();
  }

  /**
   * The value a deployed-tag parameter holds before the first image of its component is deployed;
   * the environment stack keeps the service at zero tasks while it is set.
   */
  public static final String NO_DEPLOYED_TAG = "none";

  /**
   * The ECR tag the deploy puts on an image that starts running in an environment. Lifecycle rules
   * never expire images carrying it, so every image an environment ran stays available for
   * rollback.
   */
  public String deployedImageTag(Environment environment, String commitTag) {
    return deployedImageTagPrefix(environment) + commitTag;
  }

  public String deployedImageTagPrefix(Environment environment) {
    return "deployed-" + environment.name() + "-";
  }

  /** One run-time parameter of a component, below its prefix. */
  public String parameter(Environment environment, Component component, String key) {
    return parameterPrefix(environment, component) + "/" + key;
  }

  /** One run-time secret of a component, below its prefix. */
  public String secret(Environment environment, Component component, String key) {
    return secretPrefix(environment, component) + "/" + key;
  }

  /** Load balancers are named within 32 characters: {@code bluemed-staging}. */
  public String loadBalancer(Environment environment) {
    return cluster(environment);
  }

  /** KMS alias of the key that encrypts an environment's logs, parameters and secrets. */
  public String keyAlias(Environment environment) {
    return "alias/" + config.application() + "/" + environment.name();
  }

  /** Log group of an environment's VPC flow logs. */
  public String flowLogGroup(Environment environment) {
    return logGroupPrefix(environment) + "/vpc-flow-logs";
  }

  /** Domain of an environment: the bare domain, or {@code <subdomain>.<domain>}. */
  public String environmentDomain(Environment environment) {
    return environment.subdomain().map(s -> s + "." + config.domain()).orElse(config.domain());
  }

  /** Public host of a component in an environment: {@code api.staging.bluemed.example.org}. */
  public String host(Environment environment, Component component) {
    return component.hostPrefix() + "." + environmentDomain(environment);
  }

  public String publicUrl(Environment environment, Component component) {
    return "https://" + host(environment, component);
  }

  /** The address docker-compose publishes a component on during the integration check. */
  public String localUrl(Component component) {
    return "http://127.0.0.1:" + component.localPort();
  }

  /** Tags put on every AWS resource of an environment and component. */
  public Map<String, String> tags(
      Optional<Environment> environment, Optional<Component> component) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("application", config.application());
    environment.ifPresent(e -> tags.put("environment", e.name()));
    component.ifPresent(c -> tags.put("component", c.name()));
    tags.put("managed-by", "bluemed-delivery");
    return tags;
  }
}
