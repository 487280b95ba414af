package org.bluemed.delivery.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bluemed.delivery.config.ConfigException;
import org.bluemed.delivery.config.ConfigLoader;
import org.bluemed.delivery.config.DeliveryConfig;
import org.bluemed.delivery.config.Environment;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

/**
 * The CDK app: the registry stack and one stack per environment, all from delivery.yml, all checked
 * by the security rule packs. {@code npx aws-cdk synth} runs {@link #main}; {@code delivery synth}
 * calls {@link #synth}.
 */
public final class DeliveryApp {
  /** Overrides where delivery.yml is looked for. */
  public static final String REPO_ROOT_VARIABLE = "DELIVERY_REPO_ROOT";

  private DeliveryApp() {}

  public static void main(String[] args) {
    DeliveryConfig config;
    try {
      config = ConfigLoader.loadFromRepository(repositoryRoot());
      InfraRules.check(config);
    } catch (ConfigException e) {
      // The CDK CLI shows the app's stderr; a stack trace would bury the field names.
      System.err.println("delivery.yml cannot be synthesized:");
      e.problems().forEach(problem -> System.err.println("  " + problem));
      System.exit(2);
      return;
    }
    App app = new App();
    build(app, config);
    app.synth();
  }

  /**
   * Writes the templates {@code cdk synth} writes, without the CDK CLI, and returns their paths.
   *
   * @throws IllegalStateException if a security rule finds an unsuppressed problem
   */
  public static List<Path> synth(DeliveryConfig config, Path outDir) {
    // Before the App exists: it creates the output directory as soon as it is constructed.
    InfraRules.check(config);
    App app = new App(AppProps.builder().outdir(outDir.toString()).context(CONTEXT).build());
    build(app, config);
    CloudAssembly assembly = app.synth();

    List<String> errors = new ArrayList<>();
    List<Path> templates = new ArrayList<>();
    for (CloudFormationStackArtifact stack : assembly.getStacks()) {
      stack.getMessages().stream()
          .filter(m -> m.getLevel().name().equals("ERROR"))
          .forEach(
              m ->
                  errors.add(
                      stack.getStackName() + " " + m.getId() + ": " + m.getEntry().getData()));
      templates.add(Path.of(stack.getTemplateFullPath()));
    }
    if (!errors.isEmpty()) {
      throw new IllegalStateException(
          "synthesis found " + errors.size() + " problem(s):\n  " + String.join("\n  ", errors));
    }
    return templates;
  }

  /** The stacks of the app, checked by both rule packs. */
  public static List<software.amazon.awscdk.Stack> build(App app, DeliveryConfig config) {
    InfraRules.check(config);
    List<software.amazon.awscdk.Stack> stacks = new ArrayList<>();
    RegistryStack registry = new RegistryStack(app, config);
    stacks.add(registry);
    for (Environment environment : config.environments()) {
      DeployedTagsStack tags = new DeployedTagsStack(app, config, environment);
      EnvironmentStack stack = new EnvironmentStack(app, config, environment, registry.home());
      stack.addStackDependency(registry, "services pull their images from the registry");
      stack.addStackDependency(tags, "CloudFormation resolves the deployed tags first");
      stacks.add(tags);
      stacks.add(stack);
    }
    Compliance.applyRulePacks(app);
    return stacks;
  }

  /** The same feature flags cdk.json gives the CDK CLI, so both synthesize the same templates. */
  static final Map<String, Object> CONTEXT =
      Map.of(
          "@aws-cdk/core:checkSecretUsage", true,
          "@aws-cdk/aws-iam:minimizePolicies", true);

  /**
   * The repository root: {@value #REPO_ROOT_VARIABLE} if set, else the nearest directory at or
   * above the working directory that holds delivery.yml.
   */
  static Path repositoryRoot() {
    String fromEnvironment = System.getenv(REPO_ROOT_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return Path.of(fromEnvironment);
    }
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(ConfigLoader.FILE_NAME))) {
        return dir;
      }
    }
    throw new ConfigException(
        ConfigLoader.FILE_NAME
            + ": not found in "
            + start
            + " or any parent; run from the repository or set "
            + REPO_ROOT_VARIABLE);
  }
}
