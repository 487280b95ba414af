package org.bluemed.delivery.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class IamTest {
  /**
   * The only actions that may be granted on Resource "*", each because AWS defines no resource for
   * it.
   */
  private static final Map<String, String> ACTIONS_WITHOUT_RESOURCES =
      Map.of(
          "ecr:GetAuthorizationToken",
          "returns a registry-wide login token; ECR has no resource-level permission for it");

  private static Synthesized app;

  @BeforeAll
  static void synthesize() {
    app = Synthesized.repositoryApp();
  }

  @Test
  void noPolicyGrantsResourceStarExceptTheActionsAwsDefinesNoResourceFor() {
    List<String> offending = new ArrayList<>();
    for (var stack : app.stacks) {
      Template template = app.template(stack.getStackName());
      for (String type : List.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")) {
        template
            .findResources(type)
            .forEach(
                (id, resource) -> {
                  Map<?, ?> properties = (Map<?, ?>) resource.get("Properties");
                  Map<?, ?> document = (Map<?, ?>) properties.get("PolicyDocument");
                  for (Object item : (List<?>) document.get("Statement")) {
                    Map<?, ?> statement = (Map<?, ?>) item;
                    if (!"*".equals(statement.get("Resource"))
                        && !(statement.get("Resource") instanceof List<?> list
                            && list.contains("*"))) {
                      continue;
                    }
                    Object action = statement.get("Action");
                    List<?> actions = action instanceof List<?> l ? l : List.of(action);
                    if (!Set.copyOf(ACTIONS_WITHOUT_RESOURCES.keySet()).containsAll(actions)) {
                      offending.add(stack.getStackName() + "/" + id + ": " + actions);
                    }
                  }
                });
      }
    }
    assertThat(offending).isEmpty();
  }

  @Test
  void theExecutionRoleCanDecryptItsSecretsAndReadOnlyItsOwn() {
    Template staging = app.template("bluemed-staging");
    staging.hasResourceProperties(
        "AWS::IAM::Policy",
        Match.objectLike(
            Map.of(
                "Roles",
                List.of(Map.of("Ref", Match.stringLikeRegexp("backendExecutionRole.*"))),
                "PolicyDocument",
                Match.objectLike(
                    Map.of(
                        "Statement",
                        Match.arrayWith(
                            List.of(
                                Map.of(
                                    "Action",
                                    "kms:Decrypt",
                                    "Effect",
                                    "Allow",
                                    "Resource",
                                    Map.of("Fn::GetAtt", List.of("Key961B73FD", "Arn"))),
                                Map.of(
                                    "Action",
                                    List.of(
                                        "secretsmanager:DescribeSecret",
                                        "secretsmanager:GetSecretValue"),
                                    "Effect",
                                    "Allow",
                                    "Resource",
                                    Map.of(
                                        "Ref",
                                        Match.stringLikeRegexp("backendSettingsSecret.*"))))))))));
  }

  @Test
  void theExecutionRolePullsOnlyItsOwnRepository() {
    app.template("bluemed-production")
        .hasResourceProperties(
            "AWS::IAM::Policy",
            Match.objectLike(
                Map.of(
                    "Roles",
                    List.of(Map.of("Ref", Match.stringLikeRegexp("frontendExecutionRole.*"))),
                    "PolicyDocument",
                    Match.objectLike(
                        Map.of(
                            "Statement",
                            Match.arrayWith(
                                List.of(
                                    Match.objectLike(
                                        Map.of(
                                            "Action",
                                            Match.arrayWith(List.of("ecr:BatchGetImage")),
                                            "Resource",
                                            "arn:aws:ecr:eu-west-1:111111111111:repository/"
                                                + "bluemed-frontend")))))))));
  }

  @Test
  void theTaskRoleReadsOnlyItsComponentsPrefix() {
    Object parameters =
        Map.of(
            "Fn::Join",
            List.of(
                "",
                Match.arrayWith(
                    List.of(":ssm:eu-west-1:111111111111:parameter/bluemed/staging/backend/*"))));
    Object statement = Match.objectLike(Map.of("Resource", parameters));

    app.template("bluemed-staging")
        .hasResourceProperties(
            "AWS::IAM::ManagedPolicy",
            Match.objectLike(
                Map.of(
                    "PolicyDocument",
                    Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(statement)))))));
  }
}
