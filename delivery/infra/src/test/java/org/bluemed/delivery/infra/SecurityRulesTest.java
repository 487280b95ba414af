package org.bluemed.delivery.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.s3.Bucket;

class SecurityRulesTest {
  private static Synthesized app;

  @BeforeAll
  static void synthesize() {
    app = Synthesized.repositoryApp();
  }

  private static List<String> findings(String level, String pattern) {
    return app.stacks.stream()
        .flatMap(
            (Stack stack) -> {
              Annotations annotations = Annotations.fromStack(stack);
              List<SynthesisMessage> found =
                  level.equals("error")
                      ? annotations.findError("*", Match.stringLikeRegexp(pattern))
                      : annotations.findWarning("*", Match.stringLikeRegexp(pattern));
              return found.stream()
                  .map(m -> stack.getStackName() + " " + m.getId() + " " + m.getEntry().getData());
            })
        .toList();
  }

  @Test
  void theAppChecksEveryStackSoANewUnencryptedBucketIsReported() {
    Synthesized fresh = Synthesized.from(app.config);
    Stack staging = fresh.stack("bluemed-staging");
    new Bucket(staging, "Careless");

    List<SynthesisMessage> found =
        Annotations.fromStack(staging)
            .findError(
                "/bluemed-staging/Careless/Resource", Match.stringLikeRegexp("AwsSolutions-S1.*"));

    assertThat(found).isNotEmpty();
  }

  @Test
  void everyStackPassesTheAwsSolutionsRulesWithoutUnsuppressedFindings() {
    assertThat(findings("error", "AwsSolutions-.*")).isEmpty();
    assertThat(findings("warning", "AwsSolutions-.*")).isEmpty();
  }

  @Test
  void everyStackPassesTheHipaaSecurityRulesWithoutUnsuppressedFindings() {
    assertThat(findings("error", "HIPAA.Security-.*")).isEmpty();
    assertThat(findings("warning", "HIPAA.Security-.*")).isEmpty();
  }
}
