package org.bluemed.delivery.cli.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bluemed.delivery.config.ConfigLoader;
import org.bluemed.delivery.config.DeliveryConfig;
import org.bluemed.delivery.config.Naming;

/**
 * One checkout of the monorepo and the local set-up around it: its configuration, where outputs and
 * reports go, which registry receives images, and which base images the Dockerfiles get.
 */
public record Workspace(Path root, DeliveryConfig config, String registry) {
  public static final String DEFAULT_REGISTRY = "127.0.0.1:5000";

  private static final java.util.regex.Pattern REGISTRY =
      java.util.regex.Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?$");

  /** Written by scripts/base-images.sh: the base images to pass as Dockerfile build args. */
  public static final String BASE_IMAGES_FILE = ".delivery/base-images.env";

  public static Workspace open(Optional<Path> given, Optional<String> registry) {
    Path root = given.map(p -> p.toAbsolutePath().normalize()).orElseGet(Workspace::findRoot);
    if (!Files.isRegularFile(root.resolve(ConfigLoader.FILE_NAME))) {
      throw Failure.badInput(
          root + ": no " + ConfigLoader.FILE_NAME + " here; pass --repo with the monorepo root");
    }
    DeliveryConfig config = ConfigLoader.loadFromRepository(root);
    String address =
        registry
            .or(() -> Optional.ofNullable(System.getenv("DELIVERY_REGISTRY")))
            .orElse(DEFAULT_REGISTRY);
    java.util.regex.Matcher matcher = REGISTRY.matcher(address);
    if (!matcher.matches()
        || (matcher.group(2) != null && Integer.parseInt(matcher.group(2).substring(1)) > 65535)) {
      throw Failure.badInput(
          "--registry: '"
              + address
              + "' is not HOST[:PORT]; for example 127.0.0.1:5000 or "
              + "111111111111.dkr.ecr.eu-west-1.amazonaws.com");
    }
    return new Workspace(root, config, address);
  }

  /**
   * The checkout around the current directory; else the one bin/delivery belongs to (it sets
   * DELIVERY_DEFAULT_REPO), so the launcher works from anywhere.
   */
  private static Path findRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve(ConfigLoader.FILE_NAME))) {
        return p;
      }
    }
    return Optional.ofNullable(System.getenv("DELIVERY_DEFAULT_REPO"))
        .filter(s -> !s.isBlank())
        .map(Path::of)
        .orElse(dir);
  }

  public Naming naming() {
    return config.naming();
  }

  /** Where a run writes image definitions, logs and reports; absolute, created on demand. */
  public Path outputDirectory() {
    return ensure(root.resolve(".delivery/out"));
  }

  public Path reportsDirectory() {
    return ensure(outputDirectory().resolve("reports"));
  }

  public Path logsDirectory() {
    return ensure(outputDirectory().resolve("logs"));
  }

  /**
   * Build args naming the base images. Empty when the file is absent: the Dockerfiles' own defaults
   * (the real upstream images) apply, as in CodeBuild.
   */
  public Map<String, String> baseImageArgs() {
    Path file = root.resolve(BASE_IMAGES_FILE);
    Map<String, String> args = new LinkedHashMap<>();
    if (!Files.isRegularFile(file)) {
      return args;
    }
    try {
      for (String line : Files.readAllLines(file)) {
        String trimmed = line.strip();
        int eq = trimmed.indexOf('=');
        if (trimmed.isEmpty() || trimmed.startsWith("#") || eq < 1) {
          continue;
        }
        args.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return args;
  }

  private static Path ensure(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw Failure.environment("cannot create " + dir + ": " + e.getMessage());
    }
  }
}
