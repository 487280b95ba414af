package org.bluemed.delivery.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class DeployedImageTest {
  private static Template staging;
  private static Template production;

  @BeforeAll
  static void synthesize() {
    Synthesized app = Synthesized.repositoryApp();
    staging = app.template("bluemed-staging");
    production = app.template("bluemed-production");
  }

  private static String parameterFor(Template template, String ssmName) {
    Map<String, Map<String, Object>> found =
        template.findParameters(
            "*", Map.of("Type", "AWS::SSM::Parameter::Value<String>", "Default", ssmName));
    assertThat(found).as("CloudFormation parameter reading %s", ssmName).hasSize(1);
    return found.keySet().iterator().next();
  }

  private static String conditionFor(Template template, String component) {
    return template.findConditions("*").keySet().stream()
        .filter(id -> id.startsWith(component + "ImageDeployed"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theImageTagIsReadAtDeployTimeFromTheDeployedTagParameter() {
    String parameter = parameterFor(staging, "/bluemed/deployments/staging/backend");

    staging.hasResourceProperties(
        "AWS::ECS::TaskDefinition",
        Match.objectLike(
            Map.of(
                "ContainerDefinitions",
                List.of(
                    Match.objectLike(
                        Map.of(
                            "Image",
                            Map.of(
                                "Fn::Join",
                                List.of(
                                    "",
                                    List.of(
                                        "111111111111.dkr.ecr.eu-west-1.",
                                        Map.of("Ref", "AWS::URLSuffix"),
                                        "/bluemed-backend:",
                                        Map.of("Ref", parameter)))),
                            "Environment",
                            Match.arrayWith(
                                List.of(
                                    Map.of(
                                        "Name",
                                        "APP_VERSION",
                                        "Value",
                                        Map.of("Ref", parameter))))))))));
  }

  @Test
  void noStackOwnsTheDeployedTagParameterSoCdkDeployCannotResetIt() {
    for (Template template : List.of(staging, production)) {
      template.resourcePropertiesCountIs(
          "AWS::SSM::Parameter",
          Match.objectLike(Map.of("Name", Match.stringLikeRegexp("/bluemed/deployments/.*"))),
          0);
    }
  }

  @Test
  void beforeTheFirstDeployTheServiceRunsNoTasks() {
    parameterFor(staging, "/bluemed/deployments/staging/frontend");
    Map<String, Map<String, Object>> conditions = staging.findConditions("*");
    String condition =
        conditions.keySet().stream()
            .filter(id -> id.startsWith("frontendImageDeployed"))
            .findFirst()
            .orElseThrow();
    assertThat(conditions.get(condition).toString()).contains("Fn::Not").contains("none");

    staging.hasResourceProperties(
        "AWS::ECS::Service",
        Match.objectLike(
            Map.of(
                "ServiceName",
                "bluemed-staging-frontend",
                "DesiredCount",
                Map.of("Fn::If", List.of(condition, 1, 0)))));
  }

  @Test
  void aScaledServiceStartsAtZeroAndLeavesItsCountToAutoscalingOnceAnImageExists() {
    production.allResourcesProperties(
        "AWS::ApplicationAutoScaling::ScalableTarget",
        Match.objectLike(
            Map.of(
                "MinCapacity",
                Map.of("Fn::If", List.of(Match.stringLikeRegexp(".*ImageDeployed.*"), 2, 0)))));
    Map<String, Map<String, Object>> backend =
        production.findResources(
            "AWS::ECS::Service",
            Map.of(
                "Properties",
                Match.objectLike(Map.of("ServiceName", "bluemed-production-backend"))));
    Object desired =
        ((Map<?, ?>) backend.values().iterator().next().get("Properties")).get("DesiredCount");
    assertThat(desired)
        .hasToString(
            "{Fn::If=[" + conditionFor(production, "backend") + ", {Ref=AWS::NoValue}, 0]}");
  }
}
