package org.bluemed.delivery.cli.core;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bluemed.delivery.cli.verify.BrowserChoice;
import org.bluemed.delivery.cli.verify.Target;
import org.bluemed.delivery.cli.verify.Verifier;
import org.bluemed.delivery.config.Component;
import org.bluemed.delivery.config.Naming;

/**
 * The integration check: the repository's own compose file runs the images just built, each service
 * must become healthy within a bound and answer like it will behind the load balancer, and
 * everything the check started is removed afterwards, pass, fail or Ctrl-C.
 */
public final class Integration {
  private final Workspace workspace;
  private final ProcessRunner runner;
  private final Docker docker;
  private final PrintStream progress;
  private final boolean browserJourney;
  private final Compose.Choice composeChoice;
  private final HttpProbe http = new HttpProbe();

  /** What compose up gets beyond --wait to create networks and containers. */
  private static final Duration UP_GRACE = Duration.ofSeconds(15);

  /**
   * @param browserJourney also run the SPA's journey in a browser while the services are up (when a
   *     browser is installed; otherwise the journey is a SKIPPED line)
   * @param composeChoice the compose implementation to run the services with
   */
  public Integration(
      Workspace workspace,
      ProcessRunner runner,
      Docker docker,
      PrintStream progress,
      boolean browserJourney,
      Compose.Choice composeChoice) {
    this.workspace = workspace;
    this.runner = runner;
    this.docker = docker;
    this.progress = progress;
    this.browserJourney = browserJourney;
    this.composeChoice = composeChoice;
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
    Compose compose =
        Compose.detect(runner, composeFile, naming.composeProject(), env, composeChoice);
    requireValid(compose, composeFile);
    try (ProjectLock lock = ProjectLock.acquire(naming.composeProject())) {
      // Holding the lock, any container of the project is a leftover of a killed run, never a
      // live one: remove it before it holds the ports.
      if (docker.composeProjectExists(naming.composeProject())) {
        compose.down(Duration.ofMinutes(2), "--volumes", "--remove-orphans");
      }
      requireFreePorts();
      return runLocked(compose, composeFile, waitBound);
    }
  }

  private List<Step> runLocked(Compose compose, Path composeFile, Duration waitBound) {
    Naming naming = workspace.naming();
    progress.println(
        "Integration: starting "
            + composeFile.getFileName()
            + " as project "
            + naming.composeProject()
            + " with "
            + compose.implementation()
            + ".");

    AtomicBoolean tornDown = new AtomicBoolean();
    Thread teardownOnInterrupt = new Thread(() -> tearDown(compose, tornDown), "compose-teardown");
    Runtime.getRuntime().addShutdownHook(teardownOnInterrupt);
    try {
      return startAndCheck(compose, waitBound);
    } finally {
      tearDown(compose, tornDown);
      try {
        Runtime.getRuntime().removeShutdownHook(teardownOnInterrupt);
      } catch (IllegalStateException shuttingDown) {
        // The hook is already running and does the same tear-down.
      }
    }
  }

  /**
   * The compose file must be one compose can read, and publish each component where delivery.yml
   * says (localPort on the host, port in the container): the checks probe those ports, so a file
   * that disagrees would fail them with a misleading "did not answer". Both are bad input, named
   * before anything starts.
   */
  private void requireValid(Compose compose, Path composeFile) {
    Map<String, List<Compose.Published>> ports = compose.publishedPorts();
    for (Component c : workspace.config().components()) {
      String service = workspace.naming().composeService(c);
      if (!ports.containsKey(service)) {
        throw Failure.badInput(
            composeFile
                + " has no service "
                + service
                + " for component "
                + c.name()
                + " of delivery.yml; the integration runs each component as the service of its"
                + " name");
      }
      Compose.Published wanted = new Compose.Published(c.localPort(), c.port());
      if (!ports.get(service).contains(wanted)) {
        throw Failure.badInput(
            composeFile
                + ": service "
                + service
                + " publishes "
                + (ports.get(service).isEmpty()
                    ? "no port"
                    : ports.get(service).stream()
                        .map(p -> p.published() + " -> " + p.target())
                        .collect(java.util.stream.Collectors.joining(", ")))
                + ", but delivery.yml publishes "
                + c.name()
                + " on "
                + c.localPort()
                + " -> "
                + c.port()
                + " (localPort -> port); make them agree, for example ports: "
                + "[\"127.0.0.1:"
                + c.localPort()
                + ":"
                + c.port()
                + "\"]");
      }
    }
  }

  private List<Step> startAndCheck(Compose compose, Duration waitBound) {
    List<Step> steps = new ArrayList<>();
    Instant start = Instant.now();
    // --wait bounds the whole start, compose up included: up itself waits for the health checks
    // that depends_on names. Creating the containers gets a little on top of it.
    Instant deadline = start.plus(waitBound);
    ProcessRunner.Result up;
    try {
      up = compose.run(waitBound.plus(UP_GRACE), "up", "--detach", "--no-build");
    } catch (Failure timedOut) {
      if (Thread.currentThread().isInterrupted()) {
        throw timedOut;
      }
      steps.add(
          Step.failed(
              "compose up",
              Duration.between(start, Instant.now()),
              "did not finish within --wait "
                  + waitBound.toSeconds()
                  + " s (and "
                  + UP_GRACE.toSeconds()
                  + " s to create the containers)"));
      printLogs(compose, workspace.config().components().stream().map(Component::name).toList());
      return steps;
    }
    if (!up.ok()) {
      progress.println("Integration: compose up failed:");
      up.tail().forEach(l -> progress.println("  | " + l));
      // Compose ends with a generic line; the line naming the cause says "error".
      String cause =
          up.tail().stream()
              .filter(l -> l.toLowerCase(java.util.Locale.ROOT).contains("error"))
              .reduce((a, b) -> b)
              .orElse(up.lastLine());
      steps.add(Step.failed("compose up", Duration.between(start, Instant.now()), cause.strip()));
      printLogs(compose, workspace.config().components().stream().map(Component::name).toList());
      return steps;
    }
    steps.add(Step.ok("compose up", Duration.between(start, Instant.now())));

    Set<String> unhealthy = new LinkedHashSet<>();
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
    if (unhealthy.isEmpty()) {
      List<Step> verified = verify();
      if (verified.stream().anyMatch(s -> s.status() == Step.Status.FAILED)) {
        workspace.config().components().forEach(c -> unhealthy.add(c.name()));
      }
      steps.addAll(verified);
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

  /**
   * The smoke and contract checks of {@code delivery verify} (and its browser journey for {@code
   * delivery local}) against the services while they are up: each component must answer as it will
   * behind the load balancer. The health waits above already played the readiness probe.
   */
  private List<Step> verify() {
    Target target = Target.resolve(workspace, Target.LOCAL, Target.Overrides.none());
    BrowserChoice browser =
        BrowserChoice.decide(browserJourney ? null : false, Target.LOCAL, Optional.empty());
    Set<Verifier.Suite> suites = EnumSet.of(Verifier.Suite.SMOKE, Verifier.Suite.CONTRACT);
    if (browser.run()) {
      suites.add(Verifier.Suite.BROWSER);
    }
    List<Step> steps =
        new ArrayList<>(
            new Verifier(runner, progress)
                .run(
                    target,
                    new Verifier.Options(
                        suites,
                        Duration.ofSeconds(10),
                        Duration.ZERO,
                        browser.chromium(),
                        workspace.outputDirectory().resolve("verify"))));
    if (browserJourney && !browser.run()) {
      steps.add(Step.skipped("browser journey", browser.reason()));
    }
    return steps;
  }

  private void printLogs(Compose compose, List<String> services) {
    if (ProcessRunner.stopping()) {
      // The tear-down is removing the containers; their logs are going with them.
      return;
    }
    for (String service : services) {
      progress.println("Integration: logs of " + service + ":");
      ProcessRunner.Result logs =
          compose.run(Duration.ofSeconds(60), "logs", "--no-color", "--tail", "80", service);
      logs.output().lines().forEach(l -> progress.println("  | " + l));
      // A service that logs nothing about failing probes still has its health check's word.
      for (String id : containerIds(compose, service)) {
        List<String> health = docker.healthLog(id);
        if (!health.isEmpty()) {
          progress.println("Integration: health checks of " + service + " (oldest first):");
          health.forEach(l -> progress.println("  | " + l));
        }
      }
    }
  }

  /** The containers of a service; compose may print warnings beside them. */
  private static List<String> containerIds(Compose compose, String service) {
    ProcessRunner.Result ps = compose.run(Duration.ofSeconds(30), "ps", "--quiet", service);
    if (!ps.ok()) {
      return List.of();
    }
    return ps.output()
        .lines()
        .map(String::strip)
        .filter(l -> l.matches("[0-9a-f]{12,64}"))
        .toList();
  }

  /** Runs once, from the command's own path or from the shutdown hook, whichever comes first. */
  private void tearDown(Compose compose, AtomicBoolean tornDown) {
    if (!tornDown.compareAndSet(false, true)) {
      return;
    }
    ProcessRunner.Result down =
        compose.down(Duration.ofMinutes(2), "--volumes", "--remove-orphans", "--timeout", "10");
    if (down.ok()) {
      progress.println(
          "Integration: removed every container, network and volume of project "
              + workspace.naming().composeProject()
              + ".");
    } else {
      progress.println(
          "Integration: tear-down failed: "
              + down.lastLine()
              + "; remove the project by hand with 'docker compose -p "
              + workspace.naming().composeProject()
              + " down -v'.");
    }
  }
}
