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

  record Out(int exit, String text) {}

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
