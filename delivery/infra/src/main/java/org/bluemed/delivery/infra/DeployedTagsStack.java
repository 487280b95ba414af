package org.bluemed.delivery.infra;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bluemed.delivery.config.Component;
import org.bluemed.delivery.config.DeliveryConfig;
import org.bluemed.delivery.config.Environment;
import org.bluemed.delivery.config.Naming;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.customresources.SdkCallsPolicyOptions;
import software.constructs.Construct;

/**
 * Creates an environment's deployed-tag parameters with {@value Naming#NO_DEPLOYED_TAG}, before the
 * environment stack reads them. It only ever creates: a parameter that exists is left alone, and
 * deleting this stack keeps the parameters, so it can never reset or lose a recorded deploy. A
 * plain {@code AWS::SSM::Parameter} resource could not promise that: CloudFormation writes its
 * template value back whenever the resource is updated.
 */
public final class DeployedTagsStack extends Stack {

  public DeployedTagsStack(Construct scope, DeliveryConfig config, Environment environment) {
    super(
        scope,
        config.naming().deployedTagsStack(environment),
        StackProps.builder()
            .stackName(config.naming().deployedTagsStack(environment))
            .description(
                "Creates the deployed-tag parameters of "
                    + config.naming().environmentStack(environment)
                    + " if they do not exist")
            .env(EnvironmentStack.awsEnvironment(environment))
            .build());
    Naming naming = config.naming();
    for (Component component : config.components()) {
      createIfAbsent(component.name(), naming.deployedTagParameter(environment, component));
    }
    naming
        .tags(Optional.of(environment), Optional.empty())
        .forEach((key, value) -> Tags.of(this).add(key, value));
    waiveHelperFunctionRules();
  }

  private void createIfAbsent(String id, String parameterName) {
    String arn =
        formatArn(
            ArnComponents.builder()
                .service("ssm")
                .resource("parameter")
                .resourceName(parameterName.substring(1))
                .build());
    AwsCustomResource.Builder.create(this, id)
        .onCreate(
            AwsSdkCall.builder()
                .service("SSM")
                .action("putParameter")
                .parameters(
                    Map.of(
                        "Name",
                        parameterName,
                        "Value",
                        Naming.NO_DEPLOYED_TAG,
                        "Type",
                        "String",
                        "Overwrite",
                        false,
                        "Description",
                        "Commit tag deployed; its history is the deployment log"))
                .physicalResourceId(PhysicalResourceId.of(parameterName))
                .ignoreErrorCodesMatching("ParameterAlreadyExists")
                .build())
        .policy(
            AwsCustomResourcePolicy.fromSdkCalls(
                SdkCallsPolicyOptions.builder().resources(List.of(arn)).build()))
        .installLatestAwsSdk(false)
        .build();
  }

  /**
   * The stack holds nothing but the CDK's shared custom-resource function and its policies, so the
   * waivers are stack-wide; they cannot cover anything else.
   */
  private void waiveHelperFunctionRules() {
    String reason =
        "The CDK's own custom-resource function: it runs only while this stack deploys, makes"
            + " one SSM PutParameter call per component, reaches only the public SSM endpoint"
            + " and holds no data.";
    for (String rule :
        List.of(
            "HIPAA.Security-IAMNoInlinePolicy",
            "HIPAA.Security-LambdaConcurrency",
            "HIPAA.Security-LambdaDLQ",
            "HIPAA.Security-LambdaInsideVPC")) {
      Compliance.waiveStack(this, rule, reason);
    }
    Compliance.waiveStack(
        this,
        "AwsSolutions-IAM4",
        "AWSLambdaBasicExecutionRole only lets the CDK's custom-resource function write its own"
            + " logs.",
        List.of(
            "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                + "AWSLambdaBasicExecutionRole"));
  }
}
