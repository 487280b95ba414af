package org.bluemed.delivery.cli.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bluemed.delivery.config.DeliveryConfig;

/**
 * The {@code imagedefinitions.json} the CodePipeline ECS deploy action reads: a JSON array of
 * {@code {name, imageUri}}, where name must be a container name of the task definition.
 */
public final class ImageDefinitions {
  /** What the deploy action accepts as an image: registry/repository:tag or @digest. */
  private static final Pattern IMAGE_URI =
      Pattern.compile(
          "^[a-z0-9.-]+(:[0-9]+)?/[a-z0-9._/-]+(:[A-Za-z0-9._-]{1,128}|@sha256:[0-9a-f]{64})$");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One entry of the file. */
  public record Entry(String name, String imageUri) {}

  private ImageDefinitions() {}

  /**
   * Refuses a path the file cannot be written to, before any work is done: the build must not push
   * an image and only then find out.
   */
  public static Path requireTarget(Path file) {
    if (!file.isAbsolute()) {
      throw Failure.badInput(
          "--image-definitions: "
              + file
              + " is not absolute; give a full path, for example "
              + Path.of("").toAbsolutePath().resolve(file));
    }
    if (file.getParent() == null || Files.isDirectory(file)) {
      throw Failure.badInput(
          "--image-definitions: "
              + file
              + " is a directory; give the file's path, for example "
              + file.resolve("imagedefinitions.json"));
    }
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException | UnsupportedOperationException e) {
      throw Failure.badInput(
          "--image-definitions: cannot create the directory of "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + "); give a path in a writable directory");
    }
    if (!Files.isWritable(file.getParent()) || (Files.exists(file) && !Files.isWritable(file))) {
      throw Failure.badInput(
          "--image-definitions: "
              + file
              + " cannot be written; give a path in a writable directory");
    }
    return file;
  }

  /** Checks every entry against the configuration, then writes the file; returns its path. */
  public static Path write(Path file, DeliveryConfig config, List<Entry> entries) {
    requireTarget(file);
    Set<String> containers =
        config.components().stream()
            .map(c -> config.naming().containerName(c))
            .collect(Collectors.toSet());
    for (Entry entry : entries) {
      if (!containers.contains(entry.name())) {
        throw Failure.badInput(
            file
                + ": name '"
                + entry.name()
                + "' is not a container of any task definition; "
                + "expected one of "
                + containers.stream().sorted().toList());
      }
      if (!IMAGE_URI.matcher(entry.imageUri()).matches()) {
        throw Failure.badInput(
            file
                + ": imageUri '"
                + entry.imageUri()
                + "' of '"
                + entry.name()
                + "' is not registry/repository:tag");
      }
    }
    try {
      Files.createDirectories(file.getParent());
      List<Map<String, String>> json =
          entries.stream().map(e -> Map.of("name", e.name(), "imageUri", e.imageUri())).toList();
      Files.writeString(file, JSON.writeValueAsString(json) + "\n");
      return file;
    } catch (IOException e) {
      throw Failure.environment("failed to write " + file + ": " + e.getMessage());
    }
  }
}
