package org.bluemed.delivery.cli.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files that make up a component: what git would commit (tracked files and untracked ones it
 * does not ignore). They are what the inputs hash covers and the only files the image build sees,
 * so an image can never contain a file its tag does not account for.
 */
public final class ComponentFiles {
  /** Outside git (a source archive without .git), these directories are never inputs. */
  private static final Set<String> NEVER_INPUTS =
      Set.of("node_modules", "dist", "coverage", "test-results", "playwright-report", ".git");

  private ComponentFiles() {}

  /** Paths relative to the repository root, sorted. */
  public static List<Path> list(Path root, String componentPath, ProcessRunner runner) {
    Path dir = root.resolve(componentPath);
    if (!Files.isDirectory(dir)) {
      throw Failure.badInput(
          dir + ": component directory does not exist; check its path in delivery.yml");
    }
    ProcessRunner.Result listed =
        runner.run(
            ProcessRunner.Spec.of(
                    root,
                    List.of(
                        "git",
                        "-C",
                        root.toString(),
                        "ls-files",
                        "-z",
                        "--cached",
                        "--others",
                        "--exclude-standard",
                        "--",
                        componentPath))
                .withTimeout(Duration.ofMinutes(1)));
    if (listed.ok()) {
      return Arrays.stream(listed.output().split("\0"))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .map(Path::of)
          // A tracked file deleted from the work tree is listed but is not an input any more.
          .filter(p -> Files.isRegularFile(root.resolve(p)))
          .sorted()
          .toList();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .map(root::relativize)
          .filter(p -> !ignored(root.relativize(dir).relativize(p)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the files into a fresh directory that becomes the docker build context. */
  public static Path export(Path root, String componentPath, List<Path> files, Path target) {
    try {
      delete(target);
      Path component = root.resolve(componentPath);
      for (Path file : files) {
        Path to = target.resolve(component.relativize(root.resolve(file)).toString());
        Files.createDirectories(to.getParent());
        Files.copy(root.resolve(file), to, StandardCopyOption.COPY_ATTRIBUTES);
      }
      return target;
    } catch (IOException e) {
      throw Failure.environment("failed to prepare the build context " + target + ": " + e);
    }
  }

  public static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean ignored(Path relative) {
    return NEVER_INPUTS.contains(relative.getName(0).toString());
  }
}
