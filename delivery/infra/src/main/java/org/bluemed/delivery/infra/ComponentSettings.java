package org.bluemed.delivery.infra;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * The run-time configuration of one component in one environment: plain values in the task
 * definition, configuration in Parameter Store below the component's prefix, and a Secrets Manager
 * secret encrypted with the environment key. Values reach the container through ECS, so none of
 * them is in an image or a pipeline variable.
 */
public final class ComponentSettings extends Construct {

  /**
   * @param plain values that are neither secret nor environment-specific configuration
   * @param parameters Parameter Store name to (variable, value) of non-secret configuration
   * @param secretName the component's Secrets Manager secret
   * @param secretVariable the variable the secret reaches the container as
   */
  public record Props(
      Map<String, String> plain,
      Map<String, Map.Entry<String, String>> parameters,
      String secretName,
      String secretVariable,
      IKey key) {

    public Props {
      plain = Map.copyOf(plain);
      parameters = Map.copyOf(parameters);
    }
  }

  private final Map<String, String> environment;
  private final Map<String, Secret> secrets = new LinkedHashMap<>();
  private final ISecret secret;

  public ComponentSettings(Construct scope, String id, Props props) {
    super(scope, id);
    this.environment = new LinkedHashMap<>(props.plain());
    createParameters(props);
    this.secret = createSecret(props);
    secrets.put(props.secretVariable(), Secret.fromSecretsManager(secret));
  }

  public Map<String, String> environment() {
    return Collections.unmodifiableMap(new TreeMap<>(environment));
  }

  /** Sorted by variable, so the template does not change with hash order. */
  public Map<String, Secret> secrets() {
    return Collections.unmodifiableMap(new TreeMap<>(secrets));
  }

  public ISecret secret() {
    return secret;
  }

  private void createParameters(Props props) {
    props.parameters().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            entry -> {
              String variable = entry.getValue().getKey();
              StringParameter parameter =
                  StringParameter.Builder.create(this, variable)
                      .parameterName(entry.getKey())
                      .stringValue(entry.getValue().getValue())
                      .description("Set by the environment stack from delivery.yml")
                      .build();
              secrets.put(variable, Secret.fromSsmParameter(parameter));
            });
  }

  private ISecret createSecret(Props props) {
    software.amazon.awscdk.services.secretsmanager.Secret created =
        software.amazon.awscdk.services.secretsmanager.Secret.Builder.create(this, "Secret")
            .secretName(props.secretName())
            .description("Run-time secret of the component; rotate by writing a new value")
            .encryptionKey(props.key())
            .generateSecretString(
                SecretStringGenerator.builder().passwordLength(48).excludePunctuation(true).build())
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    String reason =
        "The value is read once at task start; rotation is a new value followed by a deploy,"
            + " which the runbook describes. A rotation Lambda would restart nothing.";
    Compliance.waive(created, "AwsSolutions-SMG4", reason);
    Compliance.waive(created, "HIPAA.Security-SecretsManagerRotationEnabled", reason);
    return created;
  }
}
