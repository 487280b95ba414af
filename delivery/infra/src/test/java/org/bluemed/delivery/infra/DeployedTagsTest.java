package org.bluemed.delivery.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class DeployedTagsTest {
  private static Synthesized app;
  private static Template staging;

  @BeforeAll
  static void synthesize() {
    app = Synthesized.repositoryApp();
    staging = app.template("bluemed-staging-deployed-tags");
  }

  @Test
  void theParametersAreCreatedWithNoneButNeverOverwritten() {
    Map<String, Map<String, Object>> calls = staging.findResources("Custom::AWS");
    assertThat(calls).hasSize(2);
    String create = calls.values().iterator().next().get("Properties").toString();

    assertThat(create)
        .contains("\"action\":\"putParameter\"")
        .contains("\"Overwrite\":false")
        .contains("\"Value\":\"none\"")
        .contains("\"ignoreErrorCodesMatching\":\"ParameterAlreadyExists\"")
        .doesNotContain("Update")
        .doesNotContain("Delete");
  }

  @Test
  void theHelperMayWriteOnlyThisEnvironmentsDeployedTagParameters() {
    staging.hasResourceProperties(
        "AWS::IAM::Policy",
        Match.objectLike(
            Map.of(
                "PolicyDocument",
                Match.objectLike(
                    Map.of(
                        "Statement",
                        List.of(
                            Match.objectLike(
                                Map.of(
                                    "Action",
                                    "ssm:PutParameter",
                                    "Resource",
                                    Match.objectLike(
                                        Map.of(
                                            "Fn::Join",
                                            List.of(
                                                "",
                                                Match.arrayWith(
                                                    List.of(
                                                        ":ssm:eu-west-1:111111111111:parameter"
                                                            + "/bluemed/deployments/staging/"
                                                            + "backend")))))))))))));
  }

  @Test
  void eachEnvironmentStackDeploysAfterItsDeployedTags() {
    assertThat(app.stack("bluemed-production").getDependencies())
        .extracting(s -> s.getStackName())
        .contains("bluemed-production-deployed-tags", "bluemed-registry");
  }
}
