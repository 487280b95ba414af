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
    try {
      if (!dir.toRealPath().startsWith(root.toRealPath())) {
        throw Failure.badInput(
            dir
                + ": the component directory leads outside the repository (a symbolic link?); "
                + "its path in delivery.yml must name a real directory inside it");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
          .filter(p -> exists(root.resolve(p)))
          .sorted()
          .toList();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(ComponentFiles::exists)
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
        // A link is copied as the link itself: following it could bring any file of this
        // machine into the image.
        Files.copy(
            root.resolve(file),
            to,
            StandardCopyOption.COPY_ATTRIBUTES,
            java.nio.file.LinkOption.NOFOLLOW_LINKS);
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

  /** A regular file or a symbolic link (whatever it points at), as git tracks them. */
  static boolean exists(Path file) {
    return Files.isSymbolicLink(file)
        || Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS);
  }

  /** What a file contributes to a hash: its bytes, or for a link the path it points at. */
  static byte[] content(Path file) throws IOException {
    return Files.isSymbolicLink(file)
        ? ("link:" + Files.readSymbolicLink(file)).getBytes(java.nio.charset.StandardCharsets.UTF_8)
        : Files.readAllBytes(file);
  }

  private static boolean ignored(Path relative) {
    return NEVER_INPUTS.contains(relative.getName(0).toString());
  }
}
