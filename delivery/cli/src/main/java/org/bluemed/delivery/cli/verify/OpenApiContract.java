package org.bluemed.delivery.cli.verify;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bluemed.delivery.cli.core.Failure;

/**
 * The API's contract as {@code openapi.yaml} states it, turned into calls to make: every documented
 * GET operation with its parameters' examples, every response example whose summary is a request,
 * and an unknown id for every operation that documents a 404. Answers are checked by the Atlassian
 * OpenAPI validator, so the schema rules are the spec's own and not a copy kept here.
 */
final class OpenApiContract {
  /** A path parameter value no API should know. */
  static final String UNKNOWN_ID = "delivery-check-unknown";

  /**
   * One request and what must come back.
   *
   * @param emptyArrays JSON pointers of arrays the documented example shows empty; the answer's
   *     must be empty too (the "no data" case of a list)
   */
  record Call(
      String operationId,
      String label,
      String path,
      String query,
      int status,
      List<String> emptyArrays) {
    String request() {
      return query.isEmpty() ? path : path + "?" + query;
    }

    String name() {
      return "contract " + operationId + " " + label + ": GET " + request() + " -> " + status;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final OpenAPI api;
  private final OpenApiInteractionValidator validator;

  private OpenApiContract(Path file, OpenAPI api) {
    this.file = file;
    this.api = api;
    this.validator = OpenApiInteractionValidator.createFor(api).build();
  }

  /** Reads and resolves the spec; one that does not parse is bad input naming the file. */
  static OpenApiContract load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw Failure.badInput(file + ": cannot read the OpenAPI file: " + e.getMessage());
    }
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(true);
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(text, null, options);
    List<String> problems = parsed.getMessages() == null ? List.of() : parsed.getMessages();
    if (parsed.getOpenAPI() == null
        || parsed.getOpenAPI().getPaths() == null
        || !problems.isEmpty()) {
      throw Failure.badInput(
          file
              + " is not a valid OpenAPI document: "
              + (problems.isEmpty() ? "it has no paths" : String.join("; ", problems)));
    }
    return new OpenApiContract(file, parsed.getOpenAPI());
  }

  Path file() {
    return file;
  }

  List<Call> calls() {
    List<Call> calls = new ArrayList<>();
    for (Map.Entry<String, PathItem> entry : api.getPaths().entrySet()) {
      Operation get = entry.getValue().getGet();
      if (get == null) {
        continue;
      }
      String template = entry.getKey();
      String id = Optional.ofNullable(get.getOperationId()).orElse("GET " + template);
      List<Parameter> parameters = parameters(entry.getValue(), get);
      String path = withPathExamples(template, parameters, null);
      int success = successStatus(get);
      calls.add(
          new Call(id, "with its examples", path, queryExamples(parameters), success, List.of()));

      responseExamples(get, success)
          .forEach(
              (name, value) -> {
                String summary = value.summary;
                String requestPath = summary.startsWith("?") ? path : summary.split("\\?", 2)[0];
                String query = summary.contains("?") ? summary.split("\\?", 2)[1] : "";
                calls.add(
                    new Call(
                        id,
                        "example " + name,
                        requestPath,
                        query,
                        success,
                        emptyArrays(value.value)));
              });

      boolean hasPathParameter = parameters.stream().anyMatch(p -> "path".equals(p.getIn()));
      if (hasPathParameter && get.getResponses().containsKey("404")) {
        calls.add(
            new Call(
                id,
                "unknown id",
                withPathExamples(template, parameters, UNKNOWN_ID),
                "",
                404,
                List.of()));
      }
    }
    return calls;
  }

  /**
   * The validator's complaints about one answer, each naming the field it is about; empty if none.
   */
  List<String> problems(Call call, HttpCheck.Answer answer) {
    SimpleResponse.Builder response =
        SimpleResponse.Builder.status(answer.status()).withBody(answer.body());
    if (!answer.contentType().isEmpty()) {
      response.withContentType(answer.contentType());
    }
    ValidationReport report =
        validator.validateResponse(call.path(), Request.Method.GET, response.build());
    List<String> problems = new ArrayList<>();
    for (ValidationReport.Message m : report.getMessages()) {
      if (m.getLevel() == ValidationReport.Level.ERROR) {
        problems.add(describe(m));
      }
    }
    return problems;
  }

  /** Arrays that the documented example shows empty but the answer does not. */
  static List<String> notEmpty(Call call, HttpCheck.Answer answer) {
    JsonNode body;
    try {
      body = JSON.readTree(answer.body());
    } catch (IOException e) {
      return List.of();
    }
    return call.emptyArrays().stream()
        .filter(pointer -> body.at(pointer).isArray() && !body.at(pointer).isEmpty())
        .map(pointer -> pointer + " has " + body.at(pointer).size() + " entries, expected none")
        .toList();
  }

  private static String describe(ValidationReport.Message m) {
    // The schema messages start with "[Path '/items/0/openSlotCount']", which names the field;
    // other messages (status, content type) say what they are about in their text.
    String text = m.getMessage().replaceAll("\\s+", " ").strip();
    return text.length() <= 240 ? text : text.substring(0, 237) + "...";
  }

  private static List<Parameter> parameters(PathItem item, Operation operation) {
    List<Parameter> all = new ArrayList<>();
    if (item.getParameters() != null) {
      all.addAll(item.getParameters());
    }
    if (operation.getParameters() != null) {
      all.addAll(operation.getParameters());
    }
    return all;
  }

  private static String withPathExamples(
      String template, List<Parameter> parameters, String forced) {
    String path = template;
    for (Parameter p : parameters) {
      if ("path".equals(p.getIn())) {
        Object value = forced != null ? forced : example(p);
        path = path.replace("{" + p.getName() + "}", encode(String.valueOf(value)));
      }
    }
    return path;
  }

  private static String queryExamples(List<Parameter> parameters) {
    return parameters.stream()
        .filter(p -> "query".equals(p.getIn()))
        .filter(p -> example(p) != null)
        .map(p -> encode(p.getName()) + "=" + encode(String.valueOf(example(p))))
        .collect(Collectors.joining("&"));
  }

  private static Object example(Parameter p) {
    if (p.getExample() != null) {
      return p.getExample();
    }
    if (p.getExamples() != null && !p.getExamples().isEmpty()) {
      return p.getExamples().values().iterator().next().getValue();
    }
    return p.getSchema() == null ? null : p.getSchema().getExample();
  }

  private static int successStatus(Operation operation) {
    return operation.getResponses().keySet().stream()
        .filter(code -> code.matches("2\\d\\d"))
        .mapToInt(Integer::parseInt)
        .min()
        .orElse(200);
  }

  private record NamedExample(String summary, Object value) {}

  /** Named examples of the success answer whose summary is a request: "?q=zzz" or "/api/...". */
  private static Map<String, NamedExample> responseExamples(Operation operation, int status) {
    ApiResponse response = operation.getResponses().get(String.valueOf(status));
    Map<String, NamedExample> found = new java.util.LinkedHashMap<>();
    if (response == null || response.getContent() == null) {
      return found;
    }
    for (MediaType media : response.getContent().values()) {
      if (media.getExamples() == null) {
        continue;
      }
      media
          .getExamples()
          .forEach(
              (name, example) -> {
                String summary = Objects.toString(example.getSummary(), "").strip();
                if (summary.startsWith("/") || summary.startsWith("?")) {
                  found.put(name, new NamedExample(summary, example.getValue()));
                }
              });
    }
    return found;
  }

  private static List<String> emptyArrays(Object example) {
    List<String> pointers = new ArrayList<>();
    collectEmptyArrays(JSON.valueToTree(example), "", pointers);
    return pointers;
  }

  private static void collectEmptyArrays(JsonNode node, String pointer, List<String> out) {
    if (node == null) {
      return;
    }
    if (node.isArray() && node.isEmpty()) {
      out.add(pointer);
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        collectEmptyArrays(field.getValue(), pointer + "/" + field.getKey(), out);
      }
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
