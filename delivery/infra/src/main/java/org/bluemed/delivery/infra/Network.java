package org.bluemed.delivery.infra;

import java.util.List;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.ec2.FlowLog;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogResourceType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The VPC of one environment: public subnets that hold only the load balancer, isolated subnets for
 * the tasks, and no NAT gateway. Tasks reach AWS through VPC endpoints and nothing else.
 */
public final class Network extends Construct {

  /**
   * @param availabilityZones named explicitly so synthesis needs no lookup
   * @param key encrypts the flow-log group
   */
  public record Props(
      String cidr, List<String> availabilityZones, String flowLogGroupName, IKey key) {

    public Props {
      availabilityZones = List.copyOf(availabilityZones);
    }

    public static Props defaults(String region, String flowLogGroupName, IKey key) {
      return new Props("10.40.0.0/16", Network.availabilityZones(region), flowLogGroupName, key);
    }
  }

  /**
   * Two zones named after the region. Every commercial region has zones "a" and "b"; naming them
   * avoids the availability-zone lookup, which would need AWS credentials at synthesis.
   */
  public static List<String> availabilityZones(String region) {
    return List.of(region + "a", region + "b");
  }

  /** What tasks pull images, write logs and read configuration through. */
  static final List<InterfaceVpcEndpointAwsService> INTERFACE_ENDPOINTS =
      List.of(
          InterfaceVpcEndpointAwsService.ECR,
          InterfaceVpcEndpointAwsService.ECR_DOCKER,
          InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
          InterfaceVpcEndpointAwsService.CLOUDWATCH_MONITORING,
          InterfaceVpcEndpointAwsService.SSM,
          InterfaceVpcEndpointAwsService.SECRETS_MANAGER);

  private final Props props;
  private final Vpc vpc;
  private final SecurityGroup endpointSecurityGroup;

  public Network(Construct scope, String id, Props props) {
    super(scope, id);
    this.props = props;
    this.vpc = createVpc();
    createFlowLog();
    this.endpointSecurityGroup = createEndpointSecurityGroup();
    createEndpoints();
  }

  public Vpc vpc() {
    return vpc;
  }

  public SubnetSelection taskSubnets() {
    return SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build();
  }

  public SubnetSelection loadBalancerSubnets() {
    return SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build();
  }

  /** Lets a task group call the interface endpoints; no other group may. */
  public void allowEndpointsFrom(ISecurityGroup taskGroup, String description) {
    endpointSecurityGroup.addIngressRule(taskGroup, Port.tcp(443), description);
  }

  private Vpc createVpc() {
    Vpc created =
        Vpc.Builder.create(this, "Vpc")
            .ipAddresses(IpAddresses.cidr(props.cidr()))
            .availabilityZones(props.availabilityZones())
            .natGateways(0)
            .subnetConfiguration(
                List.of(
                    SubnetConfiguration.builder()
                        .name("load-balancer")
                        .subnetType(SubnetType.PUBLIC)
                        .cidrMask(24)
                        // The ALB gets its addresses from ELB; nothing here needs one at launch.
                        .mapPublicIpOnLaunch(false)
                        .build(),
                    SubnetConfiguration.builder()
                        .name("tasks")
                        .subnetType(SubnetType.PRIVATE_ISOLATED)
                        .cidrMask(22)
                        .build()))
            // Closing the default group takes a custom-resource Lambda; nothing uses the group.
            .restrictDefaultSecurityGroup(false)
            .build();
    // The CDK's own template validation warns about named zones (W3010); naming them is the
    // point, since a lookup would need AWS credentials at synthesis.
    Validations.of(created)
        .acknowledge(
            Acknowledgment.builder()
                .id("CloudFormation-Validate::W3010")
                .reason("Zones are named so synthesis needs no lookup")
                .build());
    Compliance.waive(
        created,
        "HIPAA.Security-VPCDefaultSecurityGroupClosed",
        "No resource in this VPC is attached to the default security group; every ENI gets a"
            + " purpose-made group. Closing it would need a custom-resource Lambda.");
    Compliance.waive(
        created,
        "HIPAA.Security-VPCNoUnrestrictedRouteToIGW",
        "Only the public load-balancer subnets route to the internet gateway; the ALB is the one"
            + " public entry. Task subnets have no route out.");
    return created;
  }

  private void createFlowLog() {
    LogGroup group =
        LogGroup.Builder.create(this, "FlowLogs")
            .logGroupName(props.flowLogGroupName())
            .encryptionKey(props.key())
            .retention(RetentionDays.THREE_MONTHS)
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    FlowLog flowLog =
        FlowLog.Builder.create(this, "FlowLog")
            .resourceType(FlowLogResourceType.fromVpc(vpc))
            .destination(FlowLogDestination.toCloudWatchLogs(group))
            .build();
    Compliance.waive(
        flowLog,
        "HIPAA.Security-IAMNoInlinePolicy",
        "The CDK writes the flow-log role's policy for this one log group; it is not shared and"
            + " reads best next to the role it serves.");
  }

  private SecurityGroup createEndpointSecurityGroup() {
    return SecurityGroup.Builder.create(this, "EndpointSecurityGroup")
        .vpc(vpc)
        .description("VPC endpoints: HTTPS from the task security groups only")
        .allowAllOutbound(false)
        .build();
  }

  private void createEndpoints() {
    for (InterfaceVpcEndpointAwsService service : INTERFACE_ENDPOINTS) {
      vpc.addInterfaceEndpoint(
          endpointId(service.getShortName()),
          InterfaceVpcEndpointOptions.builder()
              .service(service)
              .subnets(taskSubnets())
              .securityGroups(List.of(endpointSecurityGroup))
              .open(false)
              .privateDnsEnabled(true)
              .build());
    }
    // Image layers are S3 objects; the gateway puts S3 on the task subnets' route tables.
    vpc.addGatewayEndpoint(
        "S3Endpoint",
        GatewayVpcEndpointOptions.builder()
            .service(GatewayVpcEndpointAwsService.S3)
            .subnets(List.of(taskSubnets()))
            .build());
  }

  private static String endpointId(String shortName) {
    StringBuilder id = new StringBuilder();
    for (String part : shortName.split("[.-]")) {
      id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return id + "Endpoint";
  }
}
