package org.bluemed.delivery.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonNodePath;
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
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Reads {@code delivery.yml}: first its shape against the JSON Schema shipped for editors, then the
 * rules a schema cannot express (unique ports and hosts, Fargate sizes, certificates). All problems
 * are reported at once, each naming its field.
 */
public final class ConfigLoader {
  public static final String FILE_NAME = "delivery.yml";
  public static final String SCHEMA_RESOURCE = "/delivery.schema.json";

  // YAML lets a later key silently replace an earlier one; a duplicated key is nearly always a
  // paste mistake, so the parser rejects it instead of keeping the last value.
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));
  private static final Pattern DUPLICATE_FIELD = Pattern.compile("^Duplicate field '(.*)'$");

  /**
   * What a valid value looks like for each field the schema checks with a pattern, keyed by the
   * field's path without array indexes. The schema's regex alone tells a user little.
   */
  private static final Map<String, String> PATTERN_HINTS =
      Map.of(
          "application",
          "use 2 to 21 lower-case letters, digits or hyphens, starting with a letter, "
              + "for example bluemed",
          "repository.connectionArn",
          "use the ARN of a CodeConnections connection, for example "
              + "arn:aws:codeconnections:eu-west-1:111111111111:connection/"
              + "0a1b2c3d-0000-0000-0000-000000000000",
          "components.name",
          "use 2 to 31 lower-case letters, digits or hyphens, starting with a letter, "
              + "for example backend",
          "components.hostPrefix",
          "use a DNS label of lower-case letters, digits and hyphens, for example api",
          "components.healthPath",
          "use a URL path starting with / and without spaces or line breaks, "
              + "for example /api/health",
          "environments.name",
          "use 2 to 21 lower-case letters, digits or hyphens, starting with a letter, "
              + "for example staging",
          "environments.account",
          "use the 12-digit AWS account id in quotes, for example \"111111111111\"",
          "environments.region",
          "use a region such as eu-west-1",
          "environments.hostedZoneId",
          "use a Route 53 hosted zone id, for example Z0123456789ABCDEFGHIJ",
          "environments.certificateArn",
          "use the ARN of an ACM certificate, for example "
              + "arn:aws:acm:eu-west-1:111111111111:certificate/"
              + "0a1b2c3d-0000-0000-0000-000000000000");

  private static final JsonNode SCHEMA_TREE = loadSchemaTree();
  private static final LevenshteinDistance EDITS = LevenshteinDistance.getDefaultInstance();
  private static final JsonSchema SCHEMA =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(SCHEMA_TREE);

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
    } catch (JsonProcessingException e) {
      throw new ConfigException(source + ": " + describe(e));
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
    problems.addAll(ConfigRules.check(config, componentsSettingLocalPort(root), source));
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return config;
  }

  private static String describe(JsonProcessingException e) {
    Matcher duplicate = DUPLICATE_FIELD.matcher(e.getOriginalMessage());
    if (!duplicate.matches()) {
      return "is not valid YAML: " + e.getOriginalMessage();
    }
    String key = duplicate.group(1);
    String field = key;
    if (e instanceof StreamReadException read && read.getProcessor() != null) {
      field = fieldName(read.getProcessor().getParsingContext());
    }
    String line = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    return field
        + ": key '"
        + key
        + "' appears twice in the same mapping"
        + line
        + "; YAML would keep only the last value, so remove or rename one of them";
  }

  /** The field a parser stands on, written as {@code components[0].port}. */
  private static String fieldName(JsonStreamContext context) {
    List<Object> segments = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      segments.add(0, c.inArray() ? c.getCurrentIndex() : c.getCurrentName());
    }
    StringBuilder name = new StringBuilder();
    for (Object segment : segments) {
      if (segment instanceof Integer index) {
        name.append('[').append(index).append(']');
      } else {
        name.append(name.isEmpty() ? "" : ".").append(segment);
      }
    }
    return name.toString();
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
    if ("additionalProperties".equals(message.getType())) {
      return (field.isEmpty() ? "" : field + ".")
          + message.getProperty()
          + ": "
          + unknownKey(message.getProperty(), allowedKeys(message.getInstanceLocation()));
    }
    if ("pattern".equals(message.getType())) {
      String hint = PATTERN_HINTS.get(withoutIndexes(message.getInstanceLocation()));
      if (hint != null) {
        return field + ": " + quote(message.getInstanceNode()) + " is not valid; " + hint;
      }
    }
    return (field.isEmpty() ? "(top level)" : field) + ": " + detail;
  }

  /** Says which keys a mapping takes, and which one was probably meant. */
  private static String unknownKey(String key, List<String> allowed) {
    String list = String.join(", ", allowed);
    return closest(key, allowed)
        .map(k -> "unknown key; did you mean '" + k + "'? Allowed here: " + list)
        .orElse("unknown key; allowed here: " + list);
  }

  /** The keys the schema defines for the mapping at {@code path}, in the schema's order. */
  private static List<String> allowedKeys(JsonNodePath path) {
    JsonNode schema = SCHEMA_TREE;
    for (int i = 0; i < path.getNameCount(); i++) {
      schema =
          path.getElement(i) instanceof String name
              ? schema.path("properties").path(name)
              : schema.path("items");
    }
    List<String> keys = new ArrayList<>();
    schema.path("properties").fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /**
   * The allowed key a typo most likely meant: the same letters in another order, or at most two
   * edits away (and fewer edits than the key has letters, so a short key is not close to all).
   */
  private static Optional<String> closest(String key, List<String> allowed) {
    String typed = key.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : allowed) {
      String known = candidate.toLowerCase(Locale.ROOT);
      int distance = sameLetters(typed, known) ? 1 : EDITS.apply(typed, known);
      if (distance <= 2 && distance < typed.length() && distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  private static boolean sameLetters(String a, String b) {
    char[] x = a.toCharArray();
    char[] y = b.toCharArray();
    Arrays.sort(x);
    Arrays.sort(y);
    return Arrays.equals(x, y);
  }

  private static String withoutIndexes(JsonNodePath path) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < path.getNameCount(); i++) {
      if (path.getElement(i) instanceof String name) {
        names.add(name);
      }
    }
    return String.join(".", names);
  }

  /** Quotes a value for an error message, showing control characters such as CR and LF. */
  private static String quote(JsonNode value) {
    if (value == null || !value.isTextual()) {
      return String.valueOf(value);
    }
    StringBuilder quoted = new StringBuilder("'");
    for (char ch : value.asText().toCharArray()) {
      switch (ch) {
        case '\r' -> quoted.append("\\r");
        case '\n' -> quoted.append("\\n");
        case '\t' -> quoted.append("\\t");
        default -> {
          if (Character.isISOControl(ch)) {
            quoted.append(String.format("\\u%04x", (int) ch));
          } else {
            quoted.append(ch);
          }
        }
      }
    }
    return quoted.append('\'').toString();
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

  /** Indexes of the components that write localPort instead of taking port for it. */
  private static Set<Integer> componentsSettingLocalPort(JsonNode root) {
    JsonNode components = root.get("components");
    Set<Integer> indexes = new HashSet<>();
    for (int i = 0; i < components.size(); i++) {
      if (components.get(i).has("localPort")) {
        indexes.add(i);
      }
    }
    return indexes;
  }

  private static Component component(JsonNode node) {
    int port = node.get("port").asInt();
    return new Component(
        node.get("name").asText(),
        Component.Kind.valueOf(node.path("kind").asText("api").toUpperCase(Locale.ROOT)),
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

  private static JsonNode loadSchemaTree() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("schema resource missing: " + SCHEMA_RESOURCE);
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
