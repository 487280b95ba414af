package org.bluemed.delivery.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bluemed.delivery.cli.DeliveryCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code delivery verify} against deliberately broken servers on loopback: each test breaks one
 * thing and expects the line that names it.
 */
class VerifyCommandTest {
  @TempDir Path repo;

  record Run(int exitCode, String stdout, String stderr) {}

  @BeforeEach
  void aCheckoutWithTheRealConfigurationAndContract() throws Exception {
    Path real = repositoryRoot();
    Files.copy(real.resolve("delivery.yml"), repo.resolve("delivery.yml"));
    Files.createDirectories(repo.resolve("backend"));
    Files.copy(real.resolve("backend/openapi.yaml"), repo.resolve("backend/openapi.yaml"));
  }

  @Test
  void aTargetThatKeepsItsContractPassesEveryCheck() throws Exception {
    try (FakeTarget target = new FakeTarget()) {
      Run run = verify(target);

      assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
      assertThat(run.stdout())
          .contains("OK      backend health answers with an IP address as Host")
          .contains(
              "OK      backend contract listSpecialties example noMatch: GET "
                  + "/api/specialties?q=zzz")
          .contains("OK      backend contract getSpecialty unknown id")
          .contains("OK      backend CORS gives a foreign origin nothing")
          .contains("SKIPPED backend CORS headers on a 5xx answer: no request yields a 5xx")
          .contains("SKIPPED browser journey: left out with --no-browser")
          .containsPattern("(?m)^\\d+ passed, 0 failed, 2 skipped$");
      assertThat(repo.resolve(".delivery/out/reports/verify-local.xml"))
          .content()
          .contains("<testsuite name=\"verify-local\"")
          .contains("failures=\"0\"");
    }
  }

  @Test
  void anAnswerThatBreaksTheSchemaNamesTheOperationAndTheField() throws Exception {
    try (FakeTarget target = new FakeTarget()) {
      target.apiRoute(
          "/api/specialties/cardiology",
          x ->
              FakeTarget.json(
                  x,
                  200,
                  "{\"id\":\"cardiology\",\"name\":\"Cardiology\",\"description\":\"Heart\","
                      + "\"openSlotCount\":\"three\"}"));

      Run run = verify(target);

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(failedLines(run))
          .singleElement()
          .asString()
          .startsWith("FAILED  backend contract getSpecialty with its examples")
          .contains("getSpecialty answer breaks openapi.yaml")
          .contains("/openSlotCount");
    }
  }

  @Test
  void aNonEmptyListWhereTheContractDocumentsAnEmptyOneFails() throws Exception {
    try (FakeTarget target = new FakeTarget()) {
      target.apiRoute(
          "/api/specialties/ophthalmology/slots",
          x ->
              FakeTarget.json(
                  x,
                  200,
                  "{\"specialtyId\":\"ophthalmology\",\"items\":[{\"id\":\"s\","
                      + "\"specialtyId\":\"ophthalmology\",\"startsAt\":\"2030-03-05T14:00:00Z\","
                      + "\"durationMinutes\":30,\"location\":\"Room 1\"}],\"count\":1}"));

      Run run = verify(target);

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.stdout())
          .contains("FAILED  backend contract listSpecialtySlots example noOpenSlots")
          .contains("/items has 1 entries, expected none");
    }
  }

  @Test
  void anUnreachableTargetFailsItsReadinessLineAndSkipsTheRest() throws Exception {
    int closed = freePort();

    Run run =
        verify(
            "--backend-url",
            "http://127.0.0.1:" + closed,
            "--frontend-url",
            "http://127.0.0.1:" + closed,
            "--spa-origin",
            FakeTarget.SPA_ORIGIN,
            "--ready-wait",
            "1");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout())
        .contains("FAILED  backend ready at http://127.0.0.1:" + closed + "/api/health")
        .contains("refused the connection (nothing listens there); ")
        .containsPattern("attempts in [0-9.]+ s")
        .contains("SKIPPED backend smoke: backend is not ready")
        .contains("SKIPPED backend contract: backend is not ready");
    assertThat(run.stderr()).contains("verification of local failed");
  }

  @Test
  void theFirstProbeIsRetriedWithBackoffUntilTheTargetAnswers() throws Exception {
    try (FakeTarget target = new FakeTarget()) {
      AtomicInteger calls = new AtomicInteger();
      target.apiRoute(
          "/api/health",
          x ->
              FakeTarget.json(
                  x,
                  calls.incrementAndGet() <= 2 ? 503 : 200,
                  "{\"status\":\"ok\",\"version\":\"test\",\"uptime\":1}"));

      Run run = verify(target);

      assertThat(run.exitCode()).as(run.stdout()).isZero();
      assertThat(run.stdout())
          .contains("OK      backend ready at " + target.apiUrl() + "/api/health")
          .contains("answered at attempt 3");
    }
  }

  @Test
  void aSlowEndpointFailsAtTheTimeoutAndIsNotRetried() throws Exception {
    try (FakeTarget target = new FakeTarget()) {
      AtomicInteger calls = new AtomicInteger();
      target.apiRoute(
          "/api/specialties/cardiology",
          x -> {
            calls.incrementAndGet();
            sleep(Duration.ofSeconds(4));
            FakeTarget.json(x, 200, FakeTarget.CARDIOLOGY);
          });

      Run run = verify(target, "--timeout", "1");

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(failedLines(run))
          .singleElement()
          .asString()
          .startsWith("FAILED  backend contract getSpecialty with its examples")
          .contains("/api/specialties/cardiology did not answer within 1 s");
      assertThat(calls).hasValue(1);
    }
  }

  @Test
  void aTlsFailureIsAFailedLineThatSaysTls() throws Exception {
    HttpsServer https = selfSignedServer();
    try {
      String url = "https://127.0.0.1:" + https.getAddress().getPort();

      Run run =
          verify(
              "--backend-url",
              url,
              "--frontend-url",
              url,
              "--spa-origin",
              FakeTarget.SPA_ORIGIN,
              "--ready-wait",
              "0");

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.stdout())
          .contains("FAILED  backend health is JSON with a status field")
          .contains("TLS with " + url + "/api/health failed");
    } finally {
      https.stop(0);
    }
  }

  @Test
  void aCorsAllowListThatAnswersEveryOriginFails() throws Exception {
    try (FakeTarget target = new FakeTarget()) {
      target.apiRoute(
          "/api/health",
          x -> {
            x.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
            FakeTarget.json(x, 200, "{\"status\":\"ok\",\"version\":\"test\",\"uptime\":1}");
          });

      Run run = verify(target);

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.stdout())
          .contains("FAILED  backend CORS gives a foreign origin nothing")
          .contains(
              "allowed https://foreign.delivery-check.invalid (Access-Control-Allow-Origin: *)");
    }
  }

  @Test
  void anOpenApiFileThatDoesNotParseIsBadInputNamingTheFile() throws Exception {
    Path broken = repo.resolve("broken.yaml");
    Files.writeString(broken, "openapi: 3.0.3\npaths: [this is: not: yaml\n");
    try (FakeTarget target = new FakeTarget()) {
      Run run = verify(target, "--openapi", broken.toString());

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.stderr()).contains(broken + " is not a valid OpenAPI document");
      assertThat(run.stdout()).isEmpty();
    }
  }

  @Test
  void anEnvironmentBehindTheLoadBalancerSkipsTheIpHostCheckWithItsReason() throws Exception {
    try (FakeTarget target = new FakeTarget()) {
      Run run = verify(target, "--target", "staging");

      assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
      assertThat(run.stdout())
          .contains(
              "SKIPPED backend health answers with an IP address as Host: behind the load"
                  + " balancer the Host header picks the rule");
    }
  }

  @Test
  void aHostNameThatDoesNotResolveSaysSo() throws Exception {
    Run run =
        verify(
            "--backend-url", "http://api.delivery-check.invalid",
            "--frontend-url", "http://app.delivery-check.invalid",
            "--ready-wait", "3");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout())
        .contains("http://api.delivery-check.invalid/api/health: the host name does not resolve")
        .contains("http://app.delivery-check.invalid/: the host name does not resolve");
  }

  @Test
  void anUnknownTargetIsBadInput() {
    Run run = verify("--target", "qa");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("unknown environment 'qa'");
  }

  private Run verify(FakeTarget target, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--backend-url",
                target.apiUrl(),
                "--frontend-url",
                target.spaUrl(),
                "--spa-origin",
                FakeTarget.SPA_ORIGIN,
                "--ready-wait",
                "5"));
    args.addAll(List.of(more));
    return verify(args.toArray(String[]::new));
  }

  private Run verify(String... args) {
    List<String> all =
        new ArrayList<>(List.of("verify", "--repo", repo.toString(), "--no-browser"));
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = DeliveryCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  private static List<String> failedLines(Run run) {
    return run.stdout().lines().filter(l -> l.startsWith("FAILED")).toList();
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** An HTTPS server whose certificate no trust store knows, made with the JDK's keytool. */
  private HttpsServer selfSignedServer() throws Exception {
    Path keystore = repo.resolve("self-signed.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "test",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue())
        .as(new String(keytool.getInputStream().readAllBytes()))
        .isZero();

    KeyStore store = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(keystore.toFile())) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);

    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", x -> FakeTarget.json(x, 200, "{\"status\":\"ok\"}"));
    server.start();
    return server;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

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
