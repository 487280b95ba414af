package org.bluemed.delivery.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class NetworkTest {
  private static Map<String, Template> environments;

  @BeforeAll
  static void synthesize() {
    environments = Synthesized.repositoryApp().environmentTemplates();
  }

  @Test
  void noEnvironmentHasANatGateway() {
    environments.values().forEach(t -> t.resourceCountIs("AWS::EC2::NatGateway", 0));
  }

  @Test
  void theVpcSpansTwoNamedZonesWithPublicAndIsolatedSubnets() {
    environments
        .values()
        .forEach(
            t -> {
              t.resourceCountIs("AWS::EC2::Subnet", 4);
              assertThat(t.findResources("AWS::EC2::Subnet").values())
                  .extracting(
                      r -> (Object) ((Map<?, ?>) r.get("Properties")).get("AvailabilityZone"))
                  .containsOnly((Object) "eu-west-1a", "eu-west-1b");
              assertThat(
                      t.findResources(
                          "AWS::EC2::Subnet",
                          Map.of("Properties", Map.of("MapPublicIpOnLaunch", true))))
                  .isEmpty();
            });
  }

  @Test
  void everyInterfaceEndpointTheTasksNeedExistsInTheTaskSubnets() {
    List<String> services =
        List.of("ecr.api", "ecr.dkr", "logs", "monitoring", "ssm", "secretsmanager");
    environments
        .values()
        .forEach(
            t -> {
              for (String service : services) {
                t.hasResourceProperties(
                    "AWS::EC2::VPCEndpoint",
                    Match.objectLike(
                        Map.of(
                            "ServiceName",
                            "com.amazonaws.eu-west-1." + service,
                            "VpcEndpointType",
                            "Interface",
                            "PrivateDnsEnabled",
                            true,
                            "SubnetIds",
                            List.of(
                                Map.of("Ref", Match.stringLikeRegexp("NetworkVpctasksSubnet1.*")),
                                Map.of(
                                    "Ref", Match.stringLikeRegexp("NetworkVpctasksSubnet2.*"))))));
              }
            });
  }

  @Test
  void theS3GatewayIsOnTheTaskSubnetsRouteTables() {
    environments
        .values()
        .forEach(
            t ->
                t.hasResourceProperties(
                    "AWS::EC2::VPCEndpoint",
                    Match.objectLike(
                        Map.of(
                            "VpcEndpointType",
                            "Gateway",
                            "ServiceName",
                            Match.objectLike(
                                Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(".s3"))))),
                            "RouteTableIds",
                            List.of(
                                Map.of(
                                    "Ref",
                                    Match.stringLikeRegexp("NetworkVpctasksSubnet1RouteTable.*")),
                                Map.of(
                                    "Ref",
                                    Match.stringLikeRegexp(
                                        "NetworkVpctasksSubnet2RouteTable.*")))))));
  }

  @Test
  void theEndpointGroupAcceptsHttpsFromTheTaskGroupsOnly() {
    environments
        .values()
        .forEach(
            t -> {
              Map<String, Map<String, Object>> rules =
                  t.findResources(
                      "AWS::EC2::SecurityGroupIngress",
                      Map.of(
                          "Properties",
                          Map.of(
                              "GroupId",
                              Map.of(
                                  "Fn::GetAtt",
                                  List.of(
                                      Match.stringLikeRegexp("NetworkEndpointSecurityGroup.*"),
                                      "GroupId")))));
              assertThat(rules).hasSize(2);
              assertThat(rules.values())
                  .extracting(r -> (Map<?, ?>) r.get("Properties"))
                  .allSatisfy(
                      p -> {
                        assertThat(p.get("FromPort")).isEqualTo(443);
                        assertThat(p.get("ToPort")).isEqualTo(443);
                        assertThat(p.get("SourceSecurityGroupId").toString())
                            .matches(".*(backend|frontend)SecurityGroup.*");
                      });
              t.hasResourceProperties(
                  "AWS::EC2::SecurityGroup",
                  Match.objectLike(
                      Map.of(
                          "GroupDescription",
                          Match.stringLikeRegexp("VPC endpoints.*"),
                          "SecurityGroupIngress",
                          Match.absent())));
            });
  }

  @Test
  void vpcFlowLogsGoToAnEncryptedLogGroup() {
    environments
        .values()
        .forEach(
            t -> {
              t.resourceCountIs("AWS::EC2::FlowLog", 1);
              t.hasResourceProperties(
                  "AWS::Logs::LogGroup",
                  Match.objectLike(
                      Map.of(
                          "LogGroupName",
                          Match.stringLikeRegexp("/bluemed/.*/vpc-flow-logs"),
                          "KmsKeyId",
                          Match.anyValue())));
            });
  }
}
