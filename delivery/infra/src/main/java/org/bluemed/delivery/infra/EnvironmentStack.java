package org.bluemed.delivery.infra;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.bluemed.delivery.config.Component;
import org.bluemed.delivery.config.DeliveryConfig;
import org.bluemed.delivery.config.Environment;
import org.bluemed.delivery.config.Naming;
import software.amazon.awscdk.Arn;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.RepositoryAttributes;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * Everything one environment runs on: its key, network, public entry, cluster, and one service per
 * component. Each environment is a stack of its own, so staging and production can live in
 * different accounts and be deployed, or destroyed, independently.
 */
public final class EnvironmentStack extends Stack {
  /** The component whose host name is the public API the others call. */
  static final String API_HOST_PREFIX = "api";

  private final DeliveryConfig config;
  private final Environment environment;
  private final Environment registryHome;
  private final Naming naming;
  private final Key key;
  private final Network network;
  private final PublicEntry entry;
  private final Cluster cluster;

  public EnvironmentStack(
      Construct scope, DeliveryConfig config, Environment environment, Environment registryHome) {
    super(
        scope,
        config.naming().environmentStack(environment),
        StackProps.builder()
            .stackName(config.naming().environmentStack(environment))
            .description(
                config.application() + " " + environment.name() + ": network, ALB, ECS services")
            .env(awsEnvironment(environment))
            .terminationProtection(isFinal(config, environment))
            .build());
    this.config = config;
    this.environment = environment;
    this.registryHome = registryHome;
    this.naming = config.naming();
    this.key = createKey();
    this.network =
        new Network(
            this,
            "Network",
            Network.Props.defaults(environment.region(), naming.flowLogGroup(environment), key));
    this.entry = createEntry();
    this.cluster = createCluster();
    createServices();
    naming
        .tags(Optional.of(environment), Optional.empty())
        .forEach((k, v) -> Tags.of(this).add(k, v));
  }

  static software.amazon.awscdk.Environment awsEnvironment(Environment environment) {
    return software.amazon.awscdk.Environment.builder()
        .account(environment.account())
        .region(environment.region())
        .build();
  }

  /** The last environment of the promotion order is the one users depend on. */
  static boolean isFinal(DeliveryConfig config, Environment environment) {
    List<Environment> all = config.environments();
    return all.get(all.size() - 1).name().equals(environment.name());
  }

  /** The zones the network uses; overriding this keeps the CDK from looking them up. */
  @Override
  public List<String> getAvailabilityZones() {
    return Network.availabilityZones(environment.region());
  }

  public Cluster cluster() {
    return cluster;
  }

  private Key createKey() {
    Key created =
        Key.Builder.create(this, "Key")
            .alias(naming.keyAlias(environment))
            .description(
                "Encrypts the logs, parameters and secrets of "
                    + naming.environmentStack(environment))
            .enableKeyRotation(true)
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    // CloudWatch Logs encrypts with the key itself, so the key policy must name the service,
    // limited to this environment's log groups.
    created.addToResourcePolicy(
        PolicyStatement.Builder.create()
            .sid("CloudWatchLogsOfThisEnvironment")
            .principals(
                List.of(new ServicePrincipal("logs." + environment.region() + ".amazonaws.com")))
            .actions(
                List.of(
                    "kms:Encrypt*",
                    "kms:Decrypt*",
                    "kms:ReEncrypt*",
                    "kms:GenerateDataKey*",
                    "kms:Describe*"))
            .resources(List.of("*"))
            .conditions(
                Map.of(
                    "ArnLike",
                    Map.of(
                        "kms:EncryptionContext:aws:logs:arn",
                        formatArn(
                            ArnComponents.builder()
                                .service("logs")
                                .resource("log-group")
                                .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                                .resourceName(naming.logGroupPrefix(environment) + "/*")
                                .build()))))
            .build());
    return created;
  }

  private PublicEntry createEntry() {
    PublicEntry created =
        new PublicEntry(
            this,
            "Entry",
            new PublicEntry.Props(
                network.vpc(),
                network.loadBalancerSubnets(),
                naming.loadBalancer(environment),
                config.components().stream().map(c -> naming.host(environment, c)).toList(),
                environment.hostedZoneId(),
                config.domain(),
                environment.certificateArn(),
                isFinal(config, environment),
                90));
    CfnOutput.Builder.create(this, "LoadBalancerDns")
        .value(created.loadBalancer().getLoadBalancerDnsName())
        .description("Target of the DNS aliases")
        .build();
    return created;
  }

  private Cluster createCluster() {
    return Cluster.Builder.create(this, "Cluster")
        .clusterName(naming.cluster(environment))
        .vpc(network.vpc())
        .containerInsightsV2(ContainerInsights.ENABLED)
        .build();
  }

  private void createServices() {
    int priority = 10;
    for (Component component : config.components()) {
      DeployedImage image =
          new DeployedImage(
              this,
              component.name() + "Image",
              naming.deployedTagParameter(environment, component));
      ComponentSettings settings =
          new ComponentSettings(
              this, component.name() + "Settings", settingsProps(component, image));
      new ComponentService(
          this,
          component.name(),
          new ComponentService.Props(
              naming,
              environment,
              component,
              cluster,
              network,
              entry,
              repository(component),
              image,
              settings,
              key,
              priority,
              environment.desiredCount(),
              environment.autoscaling(),
              RolloutTiming.FAST));
      priority += 10;
    }
  }

  /**
   * The API learns which origins may call it; every other component learns where the API is. Both
   * are facts of the environment, not of the image, so one image serves every environment.
   */
  private ComponentSettings.Props settingsProps(Component component, DeployedImage image) {
    Map<String, String> plain = new TreeMap<>();
    plain.put("APP_VERSION", image.tag());
    Map<String, Map.Entry<String, String>> parameters = new TreeMap<>();
    if (component.hostPrefix().equals(API_HOST_PREFIX)) {
      String origins =
          config.components().stream()
              .filter(c -> !c.name().equals(component.name()))
              .map(c -> naming.publicUrl(environment, c))
              .collect(Collectors.joining(","));
      parameters.put(
          naming.parameter(environment, component, "CORS_ORIGINS"),
          Map.entry("CORS_ORIGINS", origins));
    } else {
      config.components().stream()
          .filter(c -> c.hostPrefix().equals(API_HOST_PREFIX))
          .findFirst()
          .ifPresent(api -> plain.put("API_URL", naming.publicUrl(environment, api)));
    }
    return new ComponentSettings.Props(
        plain, parameters, naming.secret(environment, component, "app"), "APP_SECRET", key);
  }

  /** The registry lives in the first environment's account and region; others pull across. */
  private IRepository repository(Component component) {
    String name = naming.imageRepository(component);
    String arn =
        Arn.format(
            ArnComponents.builder()
                .partition("aws")
                .service("ecr")
                .account(registryHome.account())
                .region(registryHome.region())
                .resource("repository")
                .resourceName(name)
                .build());
    return Repository.fromRepositoryAttributes(
        this,
        component.name() + "Repository",
        RepositoryAttributes.builder().repositoryArn(arn).repositoryName(name).build());
  }
}
