package org.bluemed.delivery.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What tests ask the Docker engine directly. Without an engine, these tests are skipped on a
 * developer's machine, but CI sets DELIVERY_REQUIRE_DOCKER=1 so that they can never be skipped
 * there.
 */
final class Docker {
  private Docker() {}

  static void requireEngine() {
    boolean up = run("docker", "info", "--format", "{{.ServerVersion}}").exit == 0;
    if ("1".equals(System.getenv("DELIVERY_REQUIRE_DOCKER")) && !up) {
      throw new IllegalStateException("DELIVERY_REQUIRE_DOCKER=1 but no Docker engine answers");
    }
    assumeTrue(up, "no Docker engine; run scripts/setup.sh");
  }

  /**
   * Skips a test of a compose implementation ("v1" or "v2") this machine lacks; where
   * DELIVERY_REQUIRE_DOCKER=1 (CI, after scripts/ensure-compose-v2.sh) both must be there.
   */
  static void requireCompose(String implementation) {
    List<String> version =
        implementation.equals("v2")
            ? List.of("docker", "compose", "version")
            : List.of("docker-compose", "version");
    boolean present = run(version.toArray(String[]::new)).exit == 0;
    if ("1".equals(System.getenv("DELIVERY_REQUIRE_DOCKER")) && !present) {
      throw new IllegalStateException(
          "DELIVERY_REQUIRE_DOCKER=1 but compose "
              + implementation
              + " is not installed; run scripts/setup.sh and scripts/ensure-compose-v2.sh");
    }
    assumeTrue(present, "compose " + implementation + " is not installed");
  }

  record Out(int exit, String text) {}

  /** Where a program is on this machine's PATH. */
  static java.nio.file.Path which(String program) {
    for (String dir : System.getenv("PATH").split(java.io.File.pathSeparator)) {
      java.nio.file.Path candidate = java.nio.file.Path.of(dir, program);
      if (java.nio.file.Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(program + " is not on the PATH");
  }

  static Out run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor(120, TimeUnit.SECONDS);
      return new Out(p.exitValue(), out);
    } catch (IOException e) {
      return new Out(127, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Out(130, "interrupted");
    }
  }

  static boolean imageExists(String reference) {
    return run("docker", "image", "inspect", reference).exit == 0;
  }

  static List<String> leftovers(String composeProject) {
    List<String> left = new ArrayList<>();
    String label = "label=com.docker.compose.project=" + composeProject;
    for (String kind : List.of("container", "network", "volume")) {
      List<String> cmd =
          new ArrayList<>(List.of("docker", kind, "ls", "--quiet", "--filter", label));
      if (kind.equals("container")) {
        cmd.add("--all");
      }
      String out = run(cmd.toArray(String[]::new)).text.strip();
      if (!out.isEmpty()) {
        left.add(kind + ": " + out.replace('\n', ' '));
      }
    }
    return left;
  }
}
