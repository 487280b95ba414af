package org.bluemed.delivery.cli.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HttpProbeTest {
  @Test
  void aServiceThatAnswersIsProbedOnceEvenWhenTheBoundIsUsedUp() throws Exception {
    AtomicInteger probes = new AtomicInteger();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/health",
        exchange -> {
          probes.incrementAndGet();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/health";

      assertThat(new HttpProbe().awaitOk(url, Duration.ZERO)).isTrue();
      assertThat(probes.get()).isEqualTo(1);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aServiceThatNeverAnswersIsGivenUpOnceTheBoundIsUsedUp() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/health",
        exchange -> {
          exchange.sendResponseHeaders(503, -1);
          exchange.close();
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/health";

      assertThat(new HttpProbe().awaitOk(url, Duration.ofMillis(600))).isFalse();
    } finally {
      server.stop(0);
    }
  }
}
