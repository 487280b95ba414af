package org.bluemed.delivery.infra;

import java.util.List;
import java.util.Optional;
import org.bluemed.delivery.config.Autoscaling;
import org.bluemed.delivery.config.Component;
import org.bluemed.delivery.config.Environment;
import org.bluemed.delivery.config.Naming;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.applicationautoscaling.CfnScalableTarget;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.CfnService;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.MountPoint;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.PropagatedTagSource;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.ecs.Volume;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One component running in one environment: a Fargate service in the task subnets behind its host
 * rule, with its own roles, security group, log group and target group.
 */
public final class ComponentService extends Construct {

  /**
   * @param priority the listener-rule priority; unique per environment
   * @param desiredCount tasks once an image is deployed
   */
  public record Props(
      Naming naming,
      Environment environment,
      Component component,
      ICluster cluster,
      Network network,
      PublicEntry entry,
      IRepository repository,
      DeployedImage image,
      ComponentSettings settings,
      IKey key,
      int priority,
      int desiredCount,
      Optional<Autoscaling> autoscaling,
      RolloutTiming timing) {}

  private final Props props;
  private final LogGroup logGroup;
  private final Role executionRole;
  private final Role taskRole;
  private final FargateTaskDefinition taskDefinition;
  private final SecurityGroup securityGroup;
  private final FargateService service;

  public ComponentService(Construct scope, String id, Props props) {
    super(scope, id);
    this.props = props;
    this.logGroup = createLogGroup();
    this.executionRole = createExecutionRole();
    this.taskRole = createTaskRole();
    this.taskDefinition = createTaskDefinition();
    createContainer();
    this.securityGroup = createSecurityGroup();
    this.service = createService();
    createRoute();
    props.autoscaling().ifPresent(this::createAutoscaling);
  }

  public FargateService service() {
    return service;
  }

  public Role executionRole() {
    return executionRole;
  }

  public Role taskRole() {
    return taskRole;
  }

  private Naming naming() {
    return props.naming();
  }

  private LogGroup createLogGroup() {
    return LogGroup.Builder.create(this, "Logs")
        .logGroupName(naming().logGroup(props.environment(), props.component()))
        .encryptionKey(props.key())
        .retention(RetentionDays.THREE_MONTHS)
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
  }

  /**
   * ECS's own role for starting the task. The container definition grants it the pull from this
   * component's repository, writes to this log group and reads of this component's parameters and
   * secret; the environment key lets it decrypt the secret.
   */
  private Role createExecutionRole() {
    Role role =
        Role.Builder.create(this, "ExecutionRole")
            .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
            .description("Starts " + naming().service(props.environment(), props.component()))
            .build();
    props.key().grantDecrypt(role);
    Compliance.waive(
        role,
        "AwsSolutions-IAM5",
        "ecr:GetAuthorizationToken has no resource-level permissions, so AWS requires"
            + " Resource '*'; every other statement of this role names its resource.",
        List.of("Resource::*"));
    Compliance.waive(
        role,
        "HIPAA.Security-IAMNoInlinePolicy",
        "ECS writes this policy from the task definition itself: the image pull, the log"
            + " group and the parameters and secret the container is given, each by its ARN.");
    return role;
  }

  /**
   * The application's own role: reads its configuration below its prefix, nothing else. A managed
   * policy rather than grants, so the statements are exactly these and nothing is inline.
   */
  private Role createTaskRole() {
    Stack stack = Stack.of(this);
    String prefix = naming().parameterPrefix(props.environment(), props.component());
    String secretPrefix = naming().secretPrefix(props.environment(), props.component());
    String parameters =
        stack.formatArn(
            ArnComponents.builder()
                .service("ssm")
                .resource("parameter")
                .resourceName(prefix.substring(1) + "/*")
                .build());
    String secrets =
        stack.formatArn(
            ArnComponents.builder()
                .service("secretsmanager")
                .resource("secret")
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                .resourceName(secretPrefix + "/*")
                .build());
    ManagedPolicy policy =
        ManagedPolicy.Builder.create(this, "TaskPolicy")
            .description("Run-time configuration of " + prefix)
            .statements(
                List.of(
                    PolicyStatement.Builder.create()
                        .actions(
                            List.of(
                                "ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"))
                        .resources(List.of(parameters))
                        .build(),
                    PolicyStatement.Builder.create()
                        .actions(
                            List.of(
                                "secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"))
                        .resources(List.of(secrets))
                        .build(),
                    PolicyStatement.Builder.create()
                        .actions(List.of("kms:Decrypt"))
                        .resources(List.of(props.key().getKeyArn()))
                        .build()))
            .build();
    Compliance.waive(
        policy,
        "AwsSolutions-IAM5",
        "The application reads its own configuration at run time: every parameter below "
            + prefix
            + " and every secret below "
            + secretPrefix
            + ", and nothing outside them.",
        List.of(
            Compliance.matching("/^Resource::arn:<AWS::Partition>:ssm:.*/\\*$/"),
            Compliance.matching("/^Resource::arn:<AWS::Partition>:secretsmanager:.*/\\*$/")));
    return Role.Builder.create(this, "TaskRole")
        .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
        .description("Runs " + naming().service(props.environment(), props.component()))
        .managedPolicies(List.of(policy))
        .build();
  }

  private FargateTaskDefinition createTaskDefinition() {
    FargateTaskDefinition definition =
        FargateTaskDefinition.Builder.create(this, "Task")
            .family(naming().taskFamily(props.environment(), props.component()))
            .cpu(props.component().cpu())
            .memoryLimitMiB(props.component().memory())
            .runtimePlatform(
                RuntimePlatform.builder()
                    .cpuArchitecture(CpuArchitecture.X86_64)
                    .operatingSystemFamily(OperatingSystemFamily.LINUX)
                    .build())
            .executionRole(executionRole)
            .taskRole(taskRole)
            .build();
    for (String path : ContainerRuntime.of(props.component()).scratchPaths()) {
      definition.addVolume(Volume.builder().name(volumeName(path)).build());
    }
    return definition;
  }

  private void createContainer() {
    Component component = props.component();
    ContainerRuntime runtime = ContainerRuntime.of(component);
    ContainerDefinitionOptions.Builder options =
        ContainerDefinitionOptions.builder()
            .containerName(naming().containerName(component))
            .image(ContainerImage.fromEcrRepository(props.repository(), props.image().tag()))
            .essential(true)
            .portMappings(List.of(PortMapping.builder().containerPort(component.port()).build()))
            .healthCheck(
                HealthCheck.builder()
                    .command(ContainerRuntime.healthCommand(component))
                    .interval(Duration.seconds(10))
                    .timeout(Duration.seconds(5))
                    .retries(3)
                    .startPeriod(Duration.seconds(15))
                    .build())
            .logging(
                LogDriver.awsLogs(
                    AwsLogDriverProps.builder()
                        .logGroup(logGroup)
                        .streamPrefix(component.name())
                        .build()))
            .readonlyRootFilesystem(true)
            .environment(props.settings().environment())
            .secrets(props.settings().secrets())
            .stopTimeout(Duration.seconds(30));
    runtime.user().ifPresent(options::user);
    ContainerDefinition container = taskDefinition.addContainer("Container", options.build());
    for (String path : runtime.scratchPaths()) {
      container.addMountPoints(
          MountPoint.builder()
              .sourceVolume(volumeName(path))
              .containerPath(path)
              .readOnly(false)
              .build());
    }
    Compliance.waive(
        taskDefinition,
        "AwsSolutions-ECS2",
        "The plain variables are public facts of the environment (its URLs, the deployed commit"
            + " tag); configuration comes from Parameter Store and secrets from Secrets Manager.");
  }

  private SecurityGroup createSecurityGroup() {
    SecurityGroup group =
        SecurityGroup.Builder.create(this, "SecurityGroup")
            .vpc(props.network().vpc())
            .description(
                naming().service(props.environment(), props.component())
                    + ": container port from the load balancer only")
            // The task subnets have no route out; egress reaches only the VPC endpoints.
            .allowAllOutbound(true)
            .build();
    group.addIngressRule(
        props.entry().securityGroup(),
        Port.tcp(props.component().port()),
        "Container port from the load balancer");
    props.network().allowEndpointsFrom(group, "HTTPS from " + props.component().name() + " tasks");
    return group;
  }

  private FargateService createService() {
    FargateService created =
        FargateService.Builder.create(this, "Service")
            .serviceName(naming().service(props.environment(), props.component()))
            .cluster(props.cluster())
            .taskDefinition(taskDefinition)
            .desiredCount(props.desiredCount())
            .assignPublicIp(false)
            .vpcSubnets(props.network().taskSubnets())
            .securityGroups(List.of(securityGroup))
            .minHealthyPercent(100)
            .maxHealthyPercent(200)
            .circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
            .healthCheckGracePeriod(props.timing().gracePeriod())
            .propagateTags(PropagatedTagSource.SERVICE)
            .enableEcsManagedTags(true)
            .build();
    // Zero tasks until an image is deployed. After that a scaled service leaves its count out:
    // ECS keeps the current count when an update omits it, so a cdk deploy never undoes what
    // autoscaling decided, and the scaling floor brings a service up from zero.
    ((CfnService) created.getNode().getDefaultChild())
        .setDesiredCount(
            props.autoscaling().isPresent()
                ? props.image().nothingOnceDeployed()
                : props.image().countOnceDeployed(props.desiredCount()));
    return created;
  }

  private void createRoute() {
    RolloutTiming timing = props.timing();
    ApplicationTargetGroup targetGroup =
        ApplicationTargetGroup.Builder.create(this, "Targets")
            .vpc(props.network().vpc())
            .port(props.component().port())
            .protocol(ApplicationProtocol.HTTP)
            .targetType(TargetType.IP)
            .deregistrationDelay(timing.deregistrationDelay())
            .healthCheck(
                software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck.builder()
                    .path(props.component().healthPath())
                    .healthyHttpCodes("200")
                    .interval(timing.interval())
                    .timeout(timing.timeout())
                    .healthyThresholdCount(timing.healthyThreshold())
                    .unhealthyThresholdCount(timing.unhealthyThreshold())
                    .build())
            .targets(List.of(service))
            .build();
    props
        .entry()
        .route(
            props.component().name(),
            naming().host(props.environment(), props.component()),
            props.priority(),
            targetGroup);
  }

  private void createAutoscaling(Autoscaling autoscaling) {
    ScalableTaskCount scaling =
        service.autoScaleTaskCount(
            EnableScalingProps.builder()
                .minCapacity(autoscaling.minCapacity())
                .maxCapacity(autoscaling.maxCapacity())
                .build());
    scaling.scaleOnCpuUtilization(
        "Cpu",
        CpuUtilizationScalingProps.builder()
            .targetUtilizationPercent(autoscaling.targetCpuPercent())
            .scaleInCooldown(Duration.seconds(120))
            .scaleOutCooldown(Duration.seconds(60))
            .build());
    // Before the first image exists the floor must be zero too, or scaling would start tasks
    // that cannot pull an image.
    scaling.getNode().findAll().stream()
        .filter(CfnScalableTarget.class::isInstance)
        .map(CfnScalableTarget.class::cast)
        .forEach(
            target ->
                target.setMinCapacity(props.image().countOnceDeployed(autoscaling.minCapacity())));
  }

  private static String volumeName(String path) {
    return "scratch" + path.replace('/', '-');
  }
}
