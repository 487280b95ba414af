package org.bluemed.delivery.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class RegistryTest {
  private static Template registry;

  @BeforeAll
  static void synthesize() {
    registry = Synthesized.repositoryApp().registryTemplate();
  }

  private static JsonNode lifecyclePolicy(String repositoryName) throws Exception {
    Map<String, Map<String, Object>> found =
        registry.findResources(
            "AWS::ECR::Repository",
            Map.of("Properties", Match.objectLike(Map.of("RepositoryName", repositoryName))));
    Map<?, ?> properties = (Map<?, ?>) found.values().iterator().next().get("Properties");
    String text =
        (String) ((Map<?, ?>) properties.get("LifecyclePolicy")).get("LifecyclePolicyText");
    return new ObjectMapper().readTree(text);
  }

  @Test
  void eachComponentHasARepositoryThatScansOnPush() {
    registry.resourceCountIs("AWS::ECR::Repository", 2);
    for (String name : List.of("bluemed-backend", "bluemed-frontend")) {
      registry.hasResourceProperties(
          "AWS::ECR::Repository",
          Match.objectLike(
              Map.of(
                  "RepositoryName",
                  name,
                  "ImageScanningConfiguration",
                  Map.of("ScanOnPush", true),
                  "EncryptionConfiguration",
                  Map.of("EncryptionType", "AES256"))));
    }
  }

  @Test
  void commitTagsAreImmutableWhileLatestMayMove() {
    registry.allResourcesProperties(
        "AWS::ECR::Repository",
        Match.objectLike(
            Map.of(
                "ImageTagMutability",
                "IMMUTABLE_WITH_EXCLUSION",
                "ImageTagMutabilityExclusionFilters",
                List.of(
                    Map.of(
                        "ImageTagMutabilityExclusionFilterType",
                        "WILDCARD",
                        "ImageTagMutabilityExclusionFilterValue",
                        "latest")))));
  }

  @Test
  void deployedImagesAreSelectedBeforeAnyRuleThatExpiresCommitImages() throws Exception {
    JsonNode rules = lifecyclePolicy("bluemed-backend").get("rules");

    assertThat(rules).hasSize(4);
    assertThat(rules.get(0).at("/selection/tagPrefixList/0").asText())
        .isEqualTo("deployed-production-");
    assertThat(rules.get(1).at("/selection/tagPrefixList/0").asText())
        .isEqualTo("deployed-staging-");
    assertThat(rules.get(2).at("/selection/tagStatus").asText()).isEqualTo("untagged");
    assertThat(rules.get(2).at("/selection/countType").asText()).isEqualTo("sinceImagePushed");
    assertThat(rules.get(3).at("/selection/tagStatus").asText()).isEqualTo("any");
    assertThat(rules.get(3).at("/rulePriority").asInt())
        .isGreaterThan(rules.get(1).at("/rulePriority").asInt());
  }

  @Test
  void theProductionAccountMayPullButNotPush() {
    registry.hasResourceProperties(
        "AWS::ECR::Repository",
        Match.objectLike(
            Map.of(
                "RepositoryPolicyText",
                Map.of(
                    "Statement",
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Action",
                                List.of(
                                    "ecr:BatchCheckLayerAvailability",
                                    "ecr:BatchGetImage",
                                    "ecr:GetDownloadUrlForLayer"),
                                "Principal",
                                Map.of(
                                    "AWS",
                                    Match.objectLike(
                                        Map.of(
                                            "Fn::Join",
                                            List.of(
                                                "",
                                                Match.arrayWith(
                                                    List.of(":iam::222222222222:root"))))))))),
                    "Version",
                    "2012-10-17"))));
  }
}
