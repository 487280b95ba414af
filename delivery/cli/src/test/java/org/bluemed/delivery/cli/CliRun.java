package org.bluemed.delivery.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real delivery command in a child JVM, the way a user or CodeBuild runs it. */
record CliRun(int exitCode, String stdout, String stderr) {

  static CliRun in(Path dir, Map<String, String> env, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                DeliveryCommand.class.getName()));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("delivery-out", ".txt");
      Path err = Files.createTempFile("delivery-err", ".txt");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      builder.environment().remove("DELIVERY_COMMIT");
      builder.environment().remove("DELIVERY_REGISTRY");
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(15, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("delivery " + String.join(" ", args) + " hung");
      }
      CliRun run =
          new CliRun(
              process.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return run;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String all() {
    return stdout + stderr;
  }
}
