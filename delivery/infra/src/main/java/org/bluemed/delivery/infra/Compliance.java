package org.bluemed.delivery.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.HIPAASecurityChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import software.amazon.awscdk.Aspects;
import software.constructs.IConstruct;

/**
 * The security rule packs every stack is checked against, and the one way to waive a rule: on a
 * named construct, with a reason a reviewer can accept.
 */
final class Compliance {
  private Compliance() {}

  static void applyRulePacks(IConstruct scope) {
    NagPackProps props = NagPackProps.builder().verbose(true).reports(false).build();
    Aspects.of(scope).add(new AwsSolutionsChecks(props));
    Aspects.of(scope).add(new HIPAASecurityChecks(props));
  }

  static void waive(IConstruct construct, String ruleId, String reason) {
    NagSuppressions.addResourceSuppressions(
        construct, List.of(NagPackSuppression.builder().id(ruleId).reason(reason).build()), true);
  }

  /** Waives a rule on every resource of a stack; only for resources the CDK itself adds. */
  static void waiveStack(software.amazon.awscdk.Stack stack, String ruleId, String reason) {
    NagSuppressions.addStackSuppressions(
        stack, List.of(NagPackSuppression.builder().id(ruleId).reason(reason).build()));
  }

  static void waiveStack(
      software.amazon.awscdk.Stack stack, String ruleId, String reason, List<Object> appliesTo) {
    NagSuppressions.addStackSuppressions(
        stack,
        List.of(
            NagPackSuppression.builder().id(ruleId).reason(reason).appliesTo(appliesTo).build()));
  }

  /** Waives a rule only for findings whose detail matches {@code appliesTo}, e.g. one wildcard. */
  static void waive(IConstruct construct, String ruleId, String reason, List<Object> appliesTo) {
    NagSuppressions.addResourceSuppressions(
        construct,
        List.of(
            NagPackSuppression.builder().id(ruleId).reason(reason).appliesTo(appliesTo).build()),
        true);
  }

  static RegexAppliesTo matching(String regex) {
    return RegexAppliesTo.builder().regex(regex).build();
  }
}
