package org.bluemed.delivery.cli.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker compose v2 where it is installed (build machines have it), else docker-compose v1 (Debian
 * 12 packages only v1); both read the same file.
 */
public final class Compose {
  /** Which implementation to run: AUTO prefers v2 and falls back to v1. */
  public enum Choice {
    AUTO,
    V2,
    V1
  }

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** A port in compose's short syntax: [HOST_IP:]PUBLISHED:TARGET[/PROTOCOL]. */
  private static final Pattern SHORT_PORT = Pattern.compile("^(?:.*:)?(\\d+):(\\d+)(?:/[a-z]+)?$");

  private final ProcessRunner runner;
  private final List<String> base;
  private final String project;
  private final Path file;
  private final Map<String, String> environment;

  private Compose(
      ProcessRunner runner,
      List<String> base,
      String project,
      Path file,
      Map<String, String> environment) {
    this.runner = runner;
    this.base = base;
    this.project = project;
    this.file = file;
    this.environment = environment;
  }

  /** Finds the chosen compose implementation or fails with one clear environment error. */
  public static Compose detect(
      ProcessRunner runner,
      Path file,
      String project,
      Map<String, String> environment,
      Choice choice) {
    if (choice != Choice.V1 && v2Installed(runner, file.getParent())) {
      return new Compose(runner, List.of("docker", "compose"), project, file, environment);
    }
    if (choice == Choice.V2) {
      throw Failure.environment(
          "--compose v2: 'docker compose' is not installed (the Docker CLI finds no compose "
              + "plugin); install it (scripts/ensure-compose-v2.sh) or use --compose auto");
    }
    // v1 is a Python program that takes half a second to say its version; being on the PATH
    // is enough to choose it.
    if (onPath("docker-compose")) {
      return new Compose(runner, List.of("docker-compose"), project, file, environment);
    }
    if (choice == Choice.V1) {
      throw Failure.environment(
          "--compose v1: 'docker-compose' is not on the PATH; install it (Debian: apt-get "
              + "install docker-compose) or use --compose auto");
    }
    throw Failure.environment(
        "neither 'docker compose' (v2) nor 'docker-compose' (v1) is "
            + "installed; install one (Debian: apt-get install docker-compose)");
  }

  private static boolean v2Installed(ProcessRunner runner, Path dir) {
    return runner
        .run(
            ProcessRunner.Spec.of(dir, List.of("docker", "compose", "version"))
                .withTimeout(Duration.ofSeconds(30)))
        .ok();
  }

  private static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    return java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
        .filter(d -> !d.isEmpty())
        .anyMatch(d -> java.nio.file.Files.isExecutable(Path.of(d, program)));
  }

  public String implementation() {
    return String.join(" ", base);
  }

  /** A port a service publishes on the host. */
  public record Published(int published, int target) {}

  /**
   * The ports each service publishes, as compose resolves the file (its {@code config} output,
   * whose shape differs: v1 writes "127.0.0.1:3000:80/tcp", v2 a mapping per port). A file compose
   * cannot read is bad input naming it and compose's own words.
   */
  public Map<String, List<Published>> publishedPorts() {
    ProcessRunner.Result config = run(Duration.ofSeconds(60), "config");
    if (!config.ok()) {
      throw Failure.badInput(
          file + " is not a compose file " + implementation() + " can run: " + errorOf(config));
    }
    JsonNode services;
    try {
      services = YAML.readTree(withoutDiagnostics(config.output())).path("services");
    } catch (IOException e) {
      throw Failure.environment(
          implementation() + " config printed no YAML for " + file + ": " + e.getMessage());
    }
    Map<String, List<Published>> ports = new LinkedHashMap<>();
    services
        .fields()
        .forEachRemaining(
            service -> {
              List<Published> published = new ArrayList<>();
              for (JsonNode port : service.getValue().path("ports")) {
                parse(port).ifPresent(published::add);
              }
              ports.put(service.getKey(), published);
            });
    return ports;
  }

  private static Optional<Published> parse(JsonNode port) {
    if (port.isObject()) {
      return port.path("published").asInt(0) > 0
          ? Optional.of(new Published(port.path("published").asInt(), port.path("target").asInt()))
          : Optional.empty();
    }
    Matcher m = SHORT_PORT.matcher(port.asText());
    return m.matches()
        ? Optional.of(new Published(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))))
        : Optional.empty();
  }

  /** Compose's diagnostics share the output; the YAML starts at its first top-level key. */
  private static String withoutDiagnostics(String output) {
    List<String> lines = output.lines().toList();
    int first = 0;
    while (first < lines.size() && !lines.get(first).matches("^[a-z_]+:( .*)?$")) {
      first++;
    }
    return String.join("\n", lines.subList(first, lines.size()));
  }

  /** From the line that says "error" to the end: compose explains a parse error over lines. */
  private static String errorOf(ProcessRunner.Result result) {
    List<String> lines =
        result.tail().stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
    int from = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).toLowerCase(java.util.Locale.ROOT).contains("error")) {
        from = i;
        break;
      }
    }
    String text = String.join(" ", lines.subList(from, lines.size()));
    return text.length() > 400 ? text.substring(0, 400) + "..." : text;
  }

  public ProcessRunner.Result run(Duration timeout, String... args) {
    return runner.run(spec(timeout, args));
  }

  /** Removes the project; runs to its end even while the JVM is being stopped. */
  public ProcessRunner.Result down(Duration timeout, String... options) {
    List<String> args = new ArrayList<>(List.of("down"));
    args.addAll(List.of(options));
    return runner.run(spec(timeout, args.toArray(String[]::new)).outlivingShutdown());
  }

  private ProcessRunner.Spec spec(Duration timeout, String... args) {
    List<String> command = new ArrayList<>(base);
    command.addAll(List.of("--project-name", project, "--file", file.toString()));
    command.addAll(List.of(args));
    return ProcessRunner.Spec.of(file.getParent(), command)
        .withEnvironment(environment)
        .withTimeout(timeout);
  }
}
