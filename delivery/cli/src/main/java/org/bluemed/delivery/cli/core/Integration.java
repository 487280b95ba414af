package org.bluemed.delivery.cli.core;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bluemed.delivery.config.Component;
import org.bluemed.delivery.config.Naming;

/**
 * The integration check: the repository's own compose file runs the images just built, each service
 * must become healthy within a bound and answer like it will behind the load balancer, and
 * everything the check started is removed afterwards, pass, fail or Ctrl-C.
 */
public final class Integration {
  /** A route no SPA defines, so only the index.html fallback can answer it. */
  static final String DEEP_LINK = "/delivery-check/deep/link";

  /** A hashed asset that cannot exist; the SPA server must not answer it with index.html. */
  static final String MISSING_ASSET = "/assets/delivery-check-missing-0000000.js";

  private final Workspace workspace;
  private final ProcessRunner runner;
  private final Docker docker;
  private final PrintStream progress;
  private final HttpProbe http = new HttpProbe();

  public Integration(
      Workspace workspace, ProcessRunner runner, Docker docker, PrintStream progress) {
    this.workspace = workspace;
    this.runner = runner;
    this.docker = docker;
    this.progress = progress;
  }

  /** Runs the check with the given image tag for every component; returns the checklist. */
  public List<Step> run(String tag, Duration waitBound) {
    docker.requireEngine();
    Naming naming = workspace.naming();
    Path composeFile = workspace.root().resolve("docker-compose.yml");
    if (!Files.isRegularFile(composeFile)) {
      throw Failure.badInput(
          composeFile + ": the integration check needs the repository's compose file");
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (Component c : workspace.config().components()) {
      String image = naming.imageReference(workspace.registry(), c, tag);
      if (!docker.imageExists(image)) {
        throw Failure.badInput(
            "image "
                + image
                + " of "
                + c.name()
                + " does not exist; run 'delivery build "
                + c.name()
                + "' first or pass --tag");
      }
      env.put(naming.composeImageVariable(c), image);
    }
    env.put("APP_VERSION", tag);
    Compose compose = Compose.detect(runner, composeFile, naming.composeProject(), env);
    // A run killed before its tear-down leaves its containers; they would hold the ports.
    compose.run(Duration.ofMinutes(2), "down", "--volumes", "--remove-orphans");
    requireFreePorts();
    progress.println(
        "Integration: starting "
            + composeFile.getFileName()
            + " as project "
            + naming.composeProject()
            + " with "
            + compose.implementation()
            + ".");

    Thread teardownOnInterrupt = new Thread(() -> tearDown(compose), "compose-teardown");
    Runtime.getRuntime().addShutdownHook(teardownOnInterrupt);
    try {
      return startAndCheck(compose, waitBound);
    } finally {
      tearDown(compose);
      try {
        Runtime.getRuntime().removeShutdownHook(teardownOnInterrupt);
      } catch (IllegalStateException shuttingDown) {
        // The hook is already running and does the same tear-down.
      }
    }
  }

  private List<Step> startAndCheck(Compose compose, Duration waitBound) {
    List<Step> steps = new ArrayList<>();
    Instant start = Instant.now();
    ProcessRunner.Result up = compose.run(Duration.ofMinutes(5), "up", "--detach", "--no-build");
    if (!up.ok()) {
      steps.add(
          Step.failed("compose up", Duration.between(start, Instant.now()), Docker.lastLine(up)));
      printLogs(compose, workspace.config().components().stream().map(Component::name).toList());
      return steps;
    }
    steps.add(Step.ok("compose up", Duration.between(start, Instant.now())));

    Set<String> unhealthy = new LinkedHashSet<>();
    Instant deadline = Instant.now().plus(waitBound);
    for (Component c : workspace.config().components()) {
      String url = workspace.naming().localUrl(c) + c.healthPath();
      Instant began = Instant.now();
      Duration left = Duration.between(Instant.now(), deadline);
      if (http.awaitOk(url, left.isNegative() ? Duration.ZERO : left)) {
        steps.add(Step.ok(c.name() + " healthy at " + url, Duration.between(began, Instant.now())));
      } else {
        unhealthy.add(c.name());
        steps.add(
            Step.failed(
                c.name() + " healthy at " + url,
                Duration.between(began, Instant.now()),
                "did not answer 200 within " + waitBound.toSeconds() + " s"));
      }
    }
    for (Component c : workspace.config().components()) {
      if (unhealthy.contains(c.name())) {
        continue;
      }
      List<Step> checks = checks(c);
      checks.stream()
          .filter(s -> s.status() == Step.Status.FAILED)
          .findAny()
          .ifPresent(s -> unhealthy.add(c.name()));
      steps.addAll(checks);
    }
    if (!unhealthy.isEmpty()) {
      printLogs(compose, List.copyOf(unhealthy));
    }
    return steps;
  }

  /**
   * A port already taken on 127.0.0.1 would make compose fail half-way with a terse message, or
   * worse, make the checks talk to some other server.
   */
  private void requireFreePorts() {
    for (Component c : workspace.config().components()) {
      try (java.net.Socket socket = new java.net.Socket()) {
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", c.localPort()), 500);
        throw Failure.environment(
            "port "
                + c.localPort()
                + " on 127.0.0.1, where "
                + c.name()
                + " is published, is already in use; stop what listens there (docker ps shows "
                + "containers) and run again");
      } catch (java.io.IOException free) {
        // Nothing listens: the port is free.
      }
    }
  }

  /** What each kind of component must answer, as it will behind the load balancer. */
  private List<Step> checks(Component c) {
    String base = workspace.naming().localUrl(c);
    List<Step> steps = new ArrayList<>();
    switch (c.kind()) {
      case API ->
          steps.add(expect(c.name() + " health is JSON", base + c.healthPath(), 200, "json"));
      case SPA -> {
        steps.add(expect(c.name() + " root serves the SPA", base + "/", 200, "html"));
        steps.add(
            expect(c.name() + " deep link falls back to the SPA", base + DEEP_LINK, 200, "html"));
        steps.add(
            expect(
                c.name() + " missing asset is 404, not the SPA",
                base + MISSING_ASSET,
                404,
                "not-html"));
      }
    }
    return steps;
  }

  private Step expect(String name, String url, int status, String body) {
    Instant start = Instant.now();
    Optional<HttpProbe.Response> response = http.get(url);
    Duration took = Duration.between(start, Instant.now());
    if (response.isEmpty()) {
      return Step.failed(name, took, url + " did not answer");
    }
    HttpProbe.Response r = response.get();
    boolean typeOk =
        switch (body) {
          case "json" -> r.isJson();
          case "html" -> r.isHtml();
          default -> !r.isHtml();
        };
    if (r.status() != status || !typeOk) {
      return Step.failed(
          name,
          took,
          url
              + " answered "
              + r.status()
              + " "
              + r.contentType()
              + ", expected "
              + status
              + " "
              + body);
    }
    return Step.ok(name, took);
  }

  private void printLogs(Compose compose, List<String> services) {
    for (String service : services) {
      progress.println("Integration: logs of " + service + ":");
      ProcessRunner.Result logs =
          compose.run(Duration.ofSeconds(60), "logs", "--no-color", "--tail", "80", service);
      logs.output().lines().forEach(l -> progress.println("  | " + l));
    }
  }

  private void tearDown(Compose compose) {
    ProcessRunner.Result down =
        compose.run(
            Duration.ofMinutes(2), "down", "--volumes", "--remove-orphans", "--timeout", "10");
    if (down.ok()) {
      progress.println(
          "Integration: removed every container, network and volume of project "
              + workspace.naming().composeProject()
              + ".");
    } else {
      progress.println(
          "Integration: tear-down failed: "
              + Docker.lastLine(down)
              + "; remove the project by hand with 'docker compose -p "
              + workspace.naming().composeProject()
              + " down -v'.");
    }
  }
}
