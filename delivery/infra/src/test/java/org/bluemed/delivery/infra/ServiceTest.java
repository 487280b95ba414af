package org.bluemed.delivery.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ServiceTest {
  private static Map<String, Template> environments;

  @BeforeAll
  static void synthesize() {
    environments = Synthesized.repositoryApp().environmentTemplates();
  }

  @Test
  void twoClustersWithContainerInsightsRunFourServices() {
    assertThat(environments).hasSize(2);
    environments.forEach(
        (name, t) -> {
          t.resourceCountIs("AWS::ECS::Cluster", 1);
          t.hasResourceProperties(
              "AWS::ECS::Cluster",
              Map.of(
                  "ClusterName",
                  "bluemed-" + name,
                  "ClusterSettings",
                  List.of(Map.of("Name", "containerInsights", "Value", "enabled"))));
          t.resourceCountIs("AWS::ECS::Service", 2);
          for (String component : List.of("backend", "frontend")) {
            t.hasResourceProperties(
                "AWS::ECS::Service",
                Match.objectLike(Map.of("ServiceName", "bluemed-" + name + "-" + component)));
          }
        });
  }

  @Test
  void tasksRunInTheIsolatedSubnetsWithoutAPublicIp() {
    environments
        .values()
        .forEach(
            t ->
                t.allResourcesProperties(
                    "AWS::ECS::Service",
                    Match.objectLike(
                        Map.of(
                            "NetworkConfiguration",
                            Map.of(
                                "AwsvpcConfiguration",
                                Match.objectLike(
                                    Map.of(
                                        "AssignPublicIp",
                                        "DISABLED",
                                        "Subnets",
                                        List.of(
                                            Map.of(
                                                "Ref",
                                                Match.stringLikeRegexp("NetworkVpctasksSubnet1.*")),
                                            Map.of(
                                                "Ref",
                                                Match.stringLikeRegexp(
                                                    "NetworkVpctasksSubnet2.*"))))))))));
  }

  @Test
  void taskGroupsAcceptOnlyTheLoadBalancerGroupOnTheContainerPort() {
    environments
        .values()
        .forEach(
            t -> {
              Map<String, Map<String, Object>> taskIngress =
                  t.findResources(
                      "AWS::EC2::SecurityGroupIngress",
                      Map.of(
                          "Properties",
                          Map.of(
                              "GroupId",
                              Map.of(
                                  "Fn::GetAtt",
                                  List.of(
                                      Match.stringLikeRegexp("(backend|frontend)SecurityGroup.*"),
                                      "GroupId")))));
              assertThat(taskIngress.values())
                  .extracting(r -> (Map<?, ?>) r.get("Properties"))
                  .extracting(p -> p.get("FromPort") + " " + p.get("SourceSecurityGroupId"))
                  .containsExactlyInAnyOrder(
                      "3001 {Fn::GetAtt=[EntrySecurityGroupACDCC4C2, GroupId]}",
                      "80 {Fn::GetAtt=[EntrySecurityGroupACDCC4C2, GroupId]}");
              Map<String, Map<String, Object>> taskGroups =
                  t.findResources(
                      "AWS::EC2::SecurityGroup",
                      Map.of(
                          "Properties",
                          Match.objectLike(
                              Map.of(
                                  "GroupDescription",
                                  Match.stringLikeRegexp(".*container port from the load.*")))));
              assertThat(taskGroups).hasSize(2);
              assertThat(taskGroups.values())
                  .extracting(r -> ((Map<?, ?>) r.get("Properties")).get("SecurityGroupIngress"))
                  .containsOnlyNulls();
            });
  }

  @Test
  void rollingUpdatesKeepFullCapacityAndRollBackOnFailure() {
    environments
        .values()
        .forEach(
            t ->
                t.allResourcesProperties(
                    "AWS::ECS::Service",
                    Match.objectLike(
                        Map.of(
                            "DeploymentConfiguration",
                            Match.objectLike(
                                Map.of(
                                    "MinimumHealthyPercent",
                                    100,
                                    "MaximumPercent",
                                    200,
                                    "DeploymentCircuitBreaker",
                                    Map.of("Enable", true, "Rollback", true))),
                            "HealthCheckGracePeriodSeconds",
                            60))));
  }

  @Test
  void taskDefinitionsTakeCpuAndMemoryFromTheConfigurationAndHardenTheContainer() {
    Template staging = environments.get("staging");
    staging.hasResourceProperties(
        "AWS::ECS::TaskDefinition",
        Match.objectLike(
            Map.of(
                "Family",
                "bluemed-staging-backend",
                "Cpu",
                "256",
                "Memory",
                "512",
                "ContainerDefinitions",
                List.of(
                    Match.objectLike(
                        Map.of(
                            "Name",
                            "backend",
                            "User",
                            "node",
                            "ReadonlyRootFilesystem",
                            true,
                            "PortMappings",
                            List.of(Map.of("ContainerPort", 3001, "Protocol", "tcp")),
                            "HealthCheck",
                            Match.objectLike(Map.of("Interval", 10, "Retries", 3)),
                            "LogConfiguration",
                            Match.objectLike(Map.of("LogDriver", "awslogs"))))))));
    staging.hasResourceProperties(
        "AWS::ECS::TaskDefinition",
        Match.objectLike(
            Map.of(
                "Family",
                "bluemed-staging-frontend",
                "Volumes",
                List.of(Map.of("Name", "scratch-tmp")),
                "ContainerDefinitions",
                List.of(
                    Match.objectLike(
                        Map.of(
                            "ReadonlyRootFilesystem",
                            true,
                            "MountPoints",
                            List.of(
                                Map.of(
                                    "ContainerPath",
                                    "/tmp",
                                    "ReadOnly",
                                    false,
                                    "SourceVolume",
                                    "scratch-tmp"))))))));
  }

  @Test
  void logGroupsAreEncryptedWithTheEnvironmentKeyAndExpire() {
    environments
        .values()
        .forEach(
            t ->
                t.allResourcesProperties(
                    "AWS::Logs::LogGroup",
                    Match.objectLike(
                        Map.of(
                            "KmsKeyId",
                            Map.of("Fn::GetAtt", List.of("Key961B73FD", "Arn")),
                            "RetentionInDays",
                            90))));
  }

  @Test
  void theFrontendLearnsTheApiUrlAndTheApiLearnsItsCorsOriginFromParameterStore() {
    Template staging = environments.get("staging");
    staging.hasResourceProperties(
        "AWS::ECS::TaskDefinition",
        Match.objectLike(
            Map.of(
                "ContainerDefinitions",
                List.of(
                    Match.objectLike(
                        Map.of(
                            "Name",
                            "frontend",
                            "Environment",
                            Match.arrayWith(
                                List.of(
                                    Map.of(
                                        "Name",
                                        "API_URL",
                                        "Value",
                                        "https://api.staging.bluemed.example.org")))))))));
    staging.hasResourceProperties(
        "AWS::SSM::Parameter",
        Map.of(
            "Name",
            "/bluemed/staging/backend/CORS_ORIGINS",
            "Type",
            "String",
            "Value",
            "https://app.staging.bluemed.example.org",
            "Description",
            Match.anyValue(),
            "Tags",
            Match.anyValue()));
    staging.hasResourceProperties(
        "AWS::ECS::TaskDefinition",
        Match.objectLike(
            Map.of(
                "ContainerDefinitions",
                List.of(
                    Match.objectLike(
                        Map.of(
                            "Name",
                            "backend",
                            "Secrets",
                            Match.arrayWith(
                                List.of(
                                    Match.objectLike(Map.of("Name", "APP_SECRET")),
                                    Match.objectLike(Map.of("Name", "CORS_ORIGINS"))))))))));
  }

  @Test
  void onlyProductionScalesOnCpu() {
    environments.get("staging").resourceCountIs("AWS::ApplicationAutoScaling::ScalingPolicy", 0);
    Template production = environments.get("production");
    production.resourceCountIs("AWS::ApplicationAutoScaling::ScalableTarget", 2);
    production.hasResourceProperties(
        "AWS::ApplicationAutoScaling::ScalingPolicy",
        Match.objectLike(
            Map.of(
                "TargetTrackingScalingPolicyConfiguration",
                Match.objectLike(
                    Map.of(
                        "TargetValue",
                        60,
                        "PredefinedMetricSpecification",
                        Map.of("PredefinedMetricType", "ECSServiceAverageCPUUtilization"))))));
    production.hasResourceProperties(
        "AWS::ApplicationAutoScaling::ScalableTarget", Match.objectLike(Map.of("MaxCapacity", 6)));
  }
}
