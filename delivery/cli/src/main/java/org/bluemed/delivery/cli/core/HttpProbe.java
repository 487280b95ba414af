package org.bluemed.delivery.cli.core;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Plain HTTP requests with bounded time, for the integration's health waits. */
public final class HttpProbe {
  /** A response reduced to what checks look at. */
  public record Response(int status, String contentType, String body) {}

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(3))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  public Optional<Response> get(String url) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return Optional.of(
          new Response(
              response.statusCode(),
              response.headers().firstValue("Content-Type").orElse(""),
              response.body()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Polls until the URL answers 200 or the deadline passes; returns whether it did. */
  public boolean awaitOk(String url, Duration bound) {
    Instant deadline = Instant.now().plus(bound);
    // At least one probe, even with no time left: a service that answers is never reported
    // as one that did not.
    while (true) {
      if (get(url).map(r -> r.status() == 200).orElse(false)) {
        return true;
      }
      if (!Instant.now().isBefore(deadline)) {
        return false;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }
}
