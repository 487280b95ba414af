package org.bluemed.delivery.cli.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The hash of everything that goes into a component's image: its files (what git would commit, so
 * node_modules and build output do not count) and the base images. Equal hashes mean the image
 * built before can be reused without running npm or docker again.
 */
public final class BuildInputs {
  private static final Set<String> NEVER_INPUTS =
      Set.of("node_modules", "dist", "coverage", "test-results", "playwright-report", ".git");

  private BuildInputs() {}

  public static String hash(Path root, String componentPath, Map<String, String> buildArgs) {
    MessageDigest digest = Hashing.sha256();
    new TreeMap<>(buildArgs)
        .forEach((k, v) -> digest.update((k + "=" + v + "\n").getBytes(StandardCharsets.UTF_8)));
    for (Path file : files(root.resolve(componentPath))) {
      digest.update(root.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      try {
        digest.update(Files.readAllBytes(file));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Hashing.hex(digest);
  }

  private static List<Path> files(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw Failure.badInput(
          dir + ": component directory does not exist; check its path in delivery.yml");
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !ignored(dir.relativize(p)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean ignored(Path relative) {
    for (Path part : relative) {
      if (NEVER_INPUTS.contains(part.toString())) {
        return true;
      }
    }
    return false;
  }
}
