package org.bluemed.delivery.infra;

import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.certificatemanager.CertificateValidation;
import software.amazon.awscdk.services.certificatemanager.ICertificate;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationTargetGroupsProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancerRedirectConfig;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.FixedResponseOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCondition;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.route53.ARecord;
import software.amazon.awscdk.services.route53.HostedZone;
import software.amazon.awscdk.services.route53.HostedZoneAttributes;
import software.amazon.awscdk.services.route53.IHostedZone;
import software.amazon.awscdk.services.route53.RecordTarget;
import software.amazon.awscdk.services.route53.targets.LoadBalancerTarget;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.constructs.Construct;

/**
 * The one public entry of an environment: an internet-facing ALB that speaks HTTPS only, routes by
 * host name and answers 404 to anything else.
 */
public final class PublicEntry extends Construct {

  /**
   * @param hosts every host the certificate must cover, one per component
   * @param hostedZoneId zone that validates the certificate and holds the aliases
   * @param zoneName the zone's domain; known from the configuration, so no lookup
   * @param certificateArn an existing certificate to use instead of issuing one
   * @param deletionProtection set where losing the ALB would take the environment offline
   */
  public record Props(
      IVpc vpc,
      SubnetSelection subnets,
      String loadBalancerName,
      List<String> hosts,
      Optional<String> hostedZoneId,
      String zoneName,
      Optional<String> certificateArn,
      boolean deletionProtection,
      int accessLogDays) {

    public Props {
      hosts = List.copyOf(hosts);
    }
  }

  private final Props props;
  private final Optional<IHostedZone> zone;
  private final SecurityGroup securityGroup;
  private final ApplicationLoadBalancer loadBalancer;
  private final ApplicationListener httpsListener;

  public PublicEntry(Construct scope, String id, Props props) {
    super(scope, id);
    this.props = props;
    this.zone = props.hostedZoneId().map(this::importZone);
    this.securityGroup = createSecurityGroup();
    this.loadBalancer = createLoadBalancer();
    createAccessLogs();
    this.httpsListener = createHttpsListener(certificate());
    createHttpRedirect();
  }

  public ISecurityGroup securityGroup() {
    return securityGroup;
  }

  public ApplicationLoadBalancer loadBalancer() {
    return loadBalancer;
  }

  /** Sends requests for {@code host} to the target group, and points the host's name here. */
  public void route(String id, String host, int priority, ApplicationTargetGroup targetGroup) {
    httpsListener.addTargetGroups(
        id,
        AddApplicationTargetGroupsProps.builder()
            .priority(priority)
            .conditions(List.of(ListenerCondition.hostHeaders(List.of(host))))
            .targetGroups(List.of(targetGroup))
            .build());
    zone.ifPresent(
        z ->
            ARecord.Builder.create(this, id + "Alias")
                .zone(z)
                .recordName(host + ".")
                .target(RecordTarget.fromAlias(new LoadBalancerTarget(loadBalancer)))
                .build());
  }

  private IHostedZone importZone(String hostedZoneId) {
    return HostedZone.fromHostedZoneAttributes(
        this,
        "Zone",
        HostedZoneAttributes.builder()
            .hostedZoneId(hostedZoneId)
            .zoneName(props.zoneName())
            .build());
  }

  private SecurityGroup createSecurityGroup() {
    SecurityGroup group =
        SecurityGroup.Builder.create(this, "SecurityGroup")
            .vpc(props.vpc())
            .description("Public load balancer: HTTPS, and HTTP only to redirect it")
            .allowAllOutbound(false)
            .build();
    group.addIngressRule(Peer.anyIpv4(), Port.tcp(443), "HTTPS from the internet");
    group.addIngressRule(Peer.anyIpv4(), Port.tcp(80), "HTTP from the internet, redirected");
    Compliance.waive(
        group,
        "AwsSolutions-EC23",
        "This is the internet-facing load balancer, the single public entry of the"
            + " environment; it accepts 443 and 80 (redirect only) from anywhere by design.");
    return group;
  }

  private ApplicationLoadBalancer createLoadBalancer() {
    ApplicationLoadBalancer alb =
        ApplicationLoadBalancer.Builder.create(this, "LoadBalancer")
            .vpc(props.vpc())
            .vpcSubnets(props.subnets())
            .internetFacing(true)
            .loadBalancerName(props.loadBalancerName())
            .securityGroup(securityGroup)
            .dropInvalidHeaderFields(true)
            .deletionProtection(props.deletionProtection())
            .build();
    if (!props.deletionProtection()) {
      Compliance.waive(
          alb,
          "HIPAA.Security-ELBDeletionProtectionEnabled",
          "A pre-production environment: it may be torn down and rebuilt from this app; it holds"
              + " no data. Production has deletion protection.");
    }
    return alb;
  }

  private void createAccessLogs() {
    Bucket bucket =
        Bucket.Builder.create(this, "AccessLogs")
            // ELB writes access logs only to SSE-S3 buckets; a KMS key is refused.
            .encryption(BucketEncryption.S3_MANAGED)
            .enforceSsl(true)
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .versioned(true)
            .lifecycleRules(
                List.of(
                    LifecycleRule.builder()
                        .expiration(Duration.days(props.accessLogDays()))
                        .noncurrentVersionExpiration(Duration.days(1))
                        .build()))
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    Compliance.waive(
        bucket,
        "AwsSolutions-S1",
        "This bucket receives the ALB's access logs; logging access to a log bucket would need"
            + " another log bucket, and so on.");
    Compliance.waive(
        bucket,
        "HIPAA.Security-S3BucketLoggingEnabled",
        "This bucket receives the ALB's access logs; logging access to a log bucket would need"
            + " another log bucket, and so on.");
    Compliance.waive(
        bucket,
        "HIPAA.Security-S3DefaultEncryptionKMS",
        "Elastic Load Balancing delivers access logs only to buckets encrypted with SSE-S3; it"
            + " cannot use a KMS key.");
    Compliance.waive(
        bucket,
        "HIPAA.Security-S3BucketReplicationEnabled",
        "Access logs are diagnostic data with a fixed expiry; a cross-region copy adds cost and"
            + " no recovery value.");
    loadBalancer.logAccessLogs(bucket);
  }

  private Optional<ICertificate> certificate() {
    if (props.certificateArn().isPresent()) {
      return Optional.of(
          Certificate.fromCertificateArn(this, "Certificate", props.certificateArn().get()));
    }
    return zone.map(
        z ->
            Certificate.Builder.create(this, "Certificate")
                .domainName(props.hosts().get(0))
                .subjectAlternativeNames(props.hosts().subList(1, props.hosts().size()))
                .validation(CertificateValidation.fromDns(z))
                .build());
  }

  private ApplicationListener createHttpsListener(Optional<ICertificate> certificate) {
    return loadBalancer.addListener(
        "Https",
        BaseApplicationListenerProps.builder()
            .port(443)
            .protocol(ApplicationProtocol.HTTPS)
            .certificates(
                certificate.map(ListenerCertificate::fromCertificateManager).stream().toList())
            .sslPolicy(SslPolicy.RECOMMENDED_TLS)
            .open(false)
            .defaultAction(
                ListenerAction.fixedResponse(
                    404,
                    FixedResponseOptions.builder()
                        .contentType("text/plain")
                        .messageBody("Not found")
                        .build()))
            .build());
  }

  private void createHttpRedirect() {
    ApplicationListener redirect =
        loadBalancer.addRedirect(
            ApplicationLoadBalancerRedirectConfig.builder()
                .sourcePort(80)
                .sourceProtocol(ApplicationProtocol.HTTP)
                .targetPort(443)
                .targetProtocol(ApplicationProtocol.HTTPS)
                .open(false)
                .build());
    Compliance.waive(
        redirect,
        "HIPAA.Security-ELBv2ACMCertificateRequired",
        "Port 80 serves nothing: its only action redirects to HTTPS on 443, which uses the ACM"
            + " certificate.");
  }
}
