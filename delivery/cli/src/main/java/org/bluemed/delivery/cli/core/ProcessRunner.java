package org.bluemed.delivery.cli.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs an outside program (npm, docker, git), keeps the last lines of its output for error
 * messages, and optionally copies every line to a log file and to stderr with a prefix.
 */
public final class ProcessRunner {
  private static final int TAIL_LINES = 40;

  /** What a finished program left behind. */
  public record Result(int exitCode, String output, List<String> tail) {
    public boolean ok() {
      return exitCode == 0;
    }

    /** The last non-blank line of the output, what an error message quotes. */
    public String lastLine() {
      return tail.stream()
          .filter(l -> !l.isBlank())
          .reduce((a, b) -> b)
          .orElse("exit code " + exitCode);
    }
  }

  /** How to run one program. */
  /**
   * How to run one program.
   *
   * @param outlivesShutdown whether the program may finish when this JVM is stopped (a clean-up
   *     such as compose down); every other program is stopped with the JVM, not orphaned
   */
  public record Spec(
      List<String> command,
      Path workingDirectory,
      Map<String, String> environment,
      Duration timeout,
      Path logFile,
      String echoPrefix,
      boolean outlivesShutdown) {

    public static Spec of(Path workingDirectory, List<String> command) {
      return new Spec(
          command, workingDirectory, Map.of(), Duration.ofMinutes(20), null, null, false);
    }

    public Spec withEnvironment(Map<String, String> env) {
      return new Spec(
          command, workingDirectory, env, timeout, logFile, echoPrefix, outlivesShutdown);
    }

    public Spec withTimeout(Duration t) {
      return new Spec(
          command, workingDirectory, environment, t, logFile, echoPrefix, outlivesShutdown);
    }

    public Spec withLog(Path file) {
      return new Spec(
          command, workingDirectory, environment, timeout, file, echoPrefix, outlivesShutdown);
    }

    public Spec echoedAs(String prefix) {
      return new Spec(
          command, workingDirectory, environment, timeout, logFile, prefix, outlivesShutdown);
    }

    public Spec outlivingShutdown() {
      return new Spec(command, workingDirectory, environment, timeout, logFile, echoPrefix, true);
    }
  }

  /** Programs to stop with the JVM (SIGTERM from a CI cancel, Ctrl-C), so none is orphaned. */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  private static volatile boolean stopping;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ProcessRunner::stopAll, "stop-children"));
  }

  /**
   * Asks every running program to stop, gives them a moment (npm takes seconds to honour SIGTERM),
   * then kills what is left, descendants first, so nothing outlives the CLI.
   */
  private static void stopAll() {
    stopping = true;
    List<ProcessHandle> all = new java.util.ArrayList<>();
    for (Process p : RUNNING) {
      p.descendants().forEach(all::add);
      all.add(p.toHandle());
    }
    all.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(3);
    while (System.nanoTime() < deadline && all.stream().anyMatch(ProcessHandle::isAlive)) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        break;
      }
    }
    all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  /** Whether the JVM is being stopped by a signal, so what fails now failed because of it. */
  public static boolean stopping() {
    return stopping;
  }

  private final PrintStream progress;

  public ProcessRunner(PrintStream progress) {
    this.progress = progress;
  }

  public Result run(Spec spec) {
    ProcessBuilder builder = new ProcessBuilder(spec.command()).redirectErrorStream(true);
    builder.directory(spec.workingDirectory().toFile());
    builder.environment().putAll(spec.environment());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw Failure.environment(
          "cannot start '" + spec.command().get(0) + "': " + e.getMessage() + "; is it installed?");
    }

    if (!spec.outlivesShutdown()) {
      RUNNING.add(process);
    }
    try {
      return await(process, spec);
    } finally {
      RUNNING.remove(process);
    }
  }

  private Result await(Process process, Spec spec) {
    StringBuilder output = new StringBuilder();
    Deque<String> tail = new ArrayDeque<>();
    Thread reader =
        new Thread(() -> consume(process, spec, output, tail), "output-" + spec.command().get(0));
    reader.setDaemon(true);
    reader.start();
    try {
      if (!process.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw Failure.check(
            "'" + String.join(" ", spec.command()) + "' did not finish within " + spec.timeout());
      }
      reader.join(5_000);
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw Failure.check("interrupted while running '" + spec.command().get(0) + "'");
    }
    synchronized (tail) {
      return new Result(process.exitValue(), output.toString(), List.copyOf(tail));
    }
  }

  private void consume(Process process, Spec spec, StringBuilder output, Deque<String> tail) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (tail) {
          output.append(line).append('\n');
          tail.addLast(line);
          if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
          }
        }
        if (spec.logFile() != null) {
          Files.writeString(
              spec.logFile(), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        if (spec.echoPrefix() != null) {
          progress.println(spec.echoPrefix() + line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
