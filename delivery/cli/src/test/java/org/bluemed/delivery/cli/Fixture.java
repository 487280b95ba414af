package org.bluemed.delivery.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away monorepo with one tiny Node component, a compose file and a git commit, so the real
 * commands can run against it in seconds. Its images use the same base images as the real monorepo
 * (scripts/base-images.sh).
 */
final class Fixture {
  static final String APPLICATION = "fixture";
  static final int PORT = 39081;

  /** The loopback registry the set-up script starts; tests push the fixture's images there. */
  static final String REGISTRY =
      System.getenv().getOrDefault("DELIVERY_REGISTRY", "127.0.0.1:5000");

  final Path root;

  private Fixture(Path root) {
    this.root = root;
  }

  static Fixture create(Path dir) throws IOException {
    Fixture f = new Fixture(dir);
    f.write(
        "delivery.yml",
        """
        application: fixture
        domain: fixture.example.org
        repository:
          owner: bluemed
          name: fixture
          connectionArn: arn:aws:codeconnections:eu-west-1:111111111111:connection/fixture
        components:
          - name: svc
            kind: api
            path: svc
            port: %d
            hostPrefix: api
            healthPath: /health
        environments:
          - name: staging
            account: "111111111111"
            region: eu-west-1
            subdomain: staging
            hostedZoneId: Z0000000000000000000A
        """
            .formatted(PORT));
    f.write(
        "svc/package.json",
        """
        {"name": "svc", "version": "1.0.0", "private": true,
         "scripts": {"lint": "node -e \\"process.exit(0)\\"",
                     "test": "node -e \\"process.exit(0)\\""}}
        """);
    f.write(
        "svc/package-lock.json",
        """
        {"name": "svc", "version": "1.0.0", "lockfileVersion": 3, "requires": true,
         "packages": {"": {"name": "svc", "version": "1.0.0"}}}
        """);
    f.write(
        "svc/server.js",
        """
        const http = require("node:http");
        const healthy = process.env.HEALTHY !== "false";
        http.createServer((req, res) => {
          const ok = healthy && req.url === "/health";
          res.writeHead(ok ? 200 : 503, {"Content-Type": "application/json"});
          res.end(JSON.stringify({status: ok ? "ok" : "down"}));
        }).listen(%d);
        """
            .formatted(PORT));
    f.write(
        "svc/Dockerfile",
        """
        ARG NODE_IMAGE=node:22-bookworm-slim
        FROM ${NODE_IMAGE}
        COPY server.js /app/server.js
        CMD ["node", "/app/server.js"]
        """);
    f.write(
        "docker-compose.yml",
        """
        services:
          svc:
            image: ${SVC_IMAGE:-fixture-svc:latest}
            environment:
              HEALTHY: "${SVC_HEALTHY:-true}"
            ports:
              - "127.0.0.1:%d:%d"
        """
            .formatted(PORT, PORT));
    Path baseImages = repositoryRoot().resolve(".delivery/base-images.env");
    if (Files.exists(baseImages)) {
      Files.createDirectories(dir.resolve(".delivery"));
      Files.copy(baseImages, dir.resolve(".delivery/base-images.env"));
    }
    f.write(".gitignore", ".delivery/\nnode_modules/\n");
    f.git("init", "-q");
    f.commit();
    return f;
  }

  void write(String relative, String content) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  void commit() {
    git("add", "-A");
    git(
        "-c",
        "user.name=test",
        "-c",
        "user.email=test@example.org",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "fixture");
  }

  String head() {
    return run(List.of("git", "rev-parse", "HEAD")).strip();
  }

  void git(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    run(command);
  }

  String run(List<String> command) {
    try {
      Process p =
          new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The real monorepo, which holds the base-image settings written by the set-up script. */
  static Path repositoryRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("delivery.yml"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("tests must run inside the monorepo");
    }
    return p;
  }
}
