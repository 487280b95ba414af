package org.bluemed.delivery.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * Reads {@code delivery.yml}: first its shape against the JSON Schema shipped for editors, then the
 * rules a schema cannot express (unique ports and hosts, Fargate sizes, certificates). All problems
 * are reported at once, each naming its field.
 */
public final class ConfigLoader {
  public static final String FILE_NAME = "delivery.yml";
  public static final String SCHEMA_RESOURCE = "/delivery.schema.json";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final JsonSchema SCHEMA = loadSchema();

  private ConfigLoader() {}

  /** Loads {@code delivery.yml} from a repository root. */
  public static DeliveryConfig loadFromRepository(Path repositoryRoot) {
    return load(repositoryRoot.resolve(FILE_NAME));
  }

  public static DeliveryConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(
          file + ": file not found; run from the repository root or pass --config");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot be read: " + e.getMessage());
    }
    return parse(text, file.toString());
  }

  /** Parses and validates configuration text; {@code source} names it in error messages. */
  public static DeliveryConfig parse(String text, String source) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ConfigException(source + ": is not valid YAML: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException(
          source
              + ": must be a YAML mapping with application, domain, "
              + "repository, components and environments");
    }

    List<String> problems = new ArrayList<>();
    for (ValidationMessage message : SCHEMA.validate(root)) {
      problems.add(source + ": " + describe(message));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems.stream().sorted().toList());
    }

    DeliveryConfig config = toRecords(root);
    problems.addAll(ConfigRules.check(config, source));
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return config;
  }

  private static String describe(ValidationMessage message) {
    String field = message.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
    String detail = message.getMessage();
    // The library prefixes its message with the location; keep our own field naming instead.
    int colon = detail.indexOf(": ");
    if (detail.startsWith("$") && colon > 0) {
      detail = detail.substring(colon + 2);
    }
    if ("required".equals(message.getType())) {
      String missing = message.getProperty();
      return (field.isEmpty() ? "" : field + ".") + missing + ": is required but missing";
    }
    return (field.isEmpty() ? "(top level)" : field) + ": " + detail;
  }

  private static DeliveryConfig toRecords(JsonNode root) {
    JsonNode repo = root.get("repository");
    Repository repository =
        new Repository(
            repo.get("owner").asText(),
            repo.get("name").asText(),
            repo.get("connectionArn").asText(),
            repo.path("developBranch").asText("develop"),
            repo.path("releaseBranch").asText("main"));
    List<Component> components =
        stream(root.get("components")).map(ConfigLoader::component).toList();
    List<Environment> environments =
        stream(root.get("environments")).map(ConfigLoader::environment).toList();
    return new DeliveryConfig(
        root.get("application").asText(),
        root.get("domain").asText(),
        repository,
        components,
        environments);
  }

  private static Component component(JsonNode node) {
    int port = node.get("port").asInt();
    return new Component(
        node.get("name").asText(),
        Component.Kind.valueOf(node.path("kind").asText("api").toUpperCase(java.util.Locale.ROOT)),
        node.get("path").asText(),
        port,
        node.path("localPort").asInt(port),
        node.get("hostPrefix").asText(),
        node.get("healthPath").asText(),
        node.path("cpu").asInt(256),
        node.path("memory").asInt(512));
  }

  private static Environment environment(JsonNode node) {
    Optional<Autoscaling> autoscaling =
        Optional.ofNullable(node.get("autoscaling"))
            .map(
                a ->
                    new Autoscaling(
                        a.get("minCapacity").asInt(),
                        a.get("maxCapacity").asInt(),
                        a.path("targetCpuPercent").asInt(60)));
    return new Environment(
        node.get("name").asText(),
        node.get("account").asText(),
        node.get("region").asText(),
        text(node, "subdomain"),
        text(node, "hostedZoneId"),
        text(node, "certificateArn"),
        node.path("desiredCount").asInt(1),
        autoscaling);
  }

  private static Optional<String> text(JsonNode node, String field) {
    return Optional.ofNullable(node.get(field)).map(JsonNode::asText).filter(s -> !s.isBlank());
  }

  private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }

  private static JsonSchema loadSchema() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("schema resource missing: " + SCHEMA_RESOURCE);
      }
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
