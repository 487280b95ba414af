package org.bluemed.delivery.infra;

import org.bluemed.delivery.config.Naming;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * The commit tag an environment runs for one component, read at deploy time from the SSM parameter
 * the pipeline writes after every deploy. It is a CloudFormation parameter, not a synthesis-time
 * lookup, so {@code cdk deploy} always keeps the image the pipeline put there.
 *
 * <p>The parameter is created by the bootstrap step with {@value Naming#NO_DEPLOYED_TAG}, never by
 * a stack: a stack that owned it would reset it to its template value on an update.
 */
public final class DeployedImage extends Construct {
  private final String tag;
  private final CfnCondition deployed;

  public DeployedImage(Construct scope, String id, String parameterName) {
    super(scope, id);
    this.tag = StringParameter.valueForStringParameter(this, parameterName);
    this.deployed =
        CfnCondition.Builder.create(this, "Deployed")
            .expression(Fn.conditionNot(Fn.conditionEquals(tag, Naming.NO_DEPLOYED_TAG)))
            .build();
  }

  /** The tag, a token resolved by CloudFormation from the parameter. */
  public String tag() {
    return tag;
  }

  /** True once an image has been deployed; until then the service runs no task. */
  public CfnCondition deployed() {
    return deployed;
  }

  /** No value (the property is left out) once an image exists, zero before. */
  public Number nothingOnceDeployed() {
    return Token.asNumber(Fn.conditionIf(deployed.getLogicalId(), Aws.NO_VALUE, 0));
  }

  /** {@code whenDeployed} once an image exists, zero before. */
  public Number countOnceDeployed(int whenDeployed) {
    return Token.asNumber(Fn.conditionIf(deployed.getLogicalId(), whenDeployed, 0));
  }
}
