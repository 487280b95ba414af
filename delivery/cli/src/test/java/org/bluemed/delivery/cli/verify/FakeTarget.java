package org.bluemed.delivery.cli.verify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * An API and an SPA server on ephemeral loopback ports that behave the way backend/openapi.yaml and
 * the nginx configuration say, so each test can break exactly one thing by replacing one route.
 */
final class FakeTarget implements AutoCloseable {
  static final String SPA_ORIGIN = "http://localhost:3000";

  private final HttpServer api;
  private final HttpServer spa;
  private final Map<String, HttpHandler> overrides = new HashMap<>();

  FakeTarget() throws IOException {
    api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    api.createContext("/", this::api);
    api.setExecutor(Executors.newCachedThreadPool());
    api.start();
    spa = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    spa.createContext("/", FakeTarget::spa);
    spa.start();
  }

  String apiUrl() {
    return "http://127.0.0.1:" + api.getAddress().getPort();
  }

  String spaUrl() {
    return "http://127.0.0.1:" + spa.getAddress().getPort();
  }

  /** Replaces what the API answers to GET at one exact path (query ignored). */
  FakeTarget apiRoute(String path, HttpHandler handler) {
    overrides.put(path, handler);
    return this;
  }

  private void api(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    cors(x);
    if (x.getRequestMethod().equals("OPTIONS")) {
      x.getResponseHeaders().add("Access-Control-Allow-Methods", "GET,HEAD,OPTIONS");
      String asked = x.getRequestHeaders().getFirst("Access-Control-Request-Headers");
      if (asked != null) {
        x.getResponseHeaders().add("Access-Control-Allow-Headers", asked);
      }
      x.sendResponseHeaders(204, -1);
      x.close();
      return;
    }
    // Like the real API, preflights are answered before any route, so overrides never see them.
    HttpHandler override = overrides.get(path);
    if (override != null) {
      override.handle(x);
      return;
    }
    String query = x.getRequestURI().getQuery() == null ? "" : x.getRequestURI().getQuery();
    switch (path) {
      case "/api/health" -> json(x, 200, "{\"status\":\"ok\",\"version\":\"test\",\"uptime\":1}");
      case "/api/specialties" ->
          json(
              x,
              200,
              query.contains("q=zzz")
                  ? "{\"items\":[],\"count\":0}"
                  : "{\"items\":[" + CARDIOLOGY + "],\"count\":1}");
      case "/api/specialties/cardiology" -> json(x, 200, CARDIOLOGY);
      case "/api/specialties/cardiology/slots" ->
          json(
              x,
              200,
              "{\"specialtyId\":\"cardiology\",\"items\":[{\"id\":\"slot-003\","
                  + "\"specialtyId\":\"cardiology\",\"startsAt\":\"2030-03-05T14:00:00Z\","
                  + "\"durationMinutes\":45,\"location\":\"North Clinic\"}],\"count\":1}");
      case "/api/specialties/ophthalmology/slots" ->
          json(x, 200, "{\"specialtyId\":\"ophthalmology\",\"items\":[],\"count\":0}");
      default ->
          json(
              x,
              404,
              "{\"error\":{\"code\":\"not_found\",\"message\":\"No route for " + path + "\"}}");
    }
  }

  static final String CARDIOLOGY =
      "{\"id\":\"cardiology\",\"name\":\"Cardiology\",\"description\":\"Heart\","
          + "\"openSlotCount\":3}";

  /** The API's allow-list: the SPA's origin only, echoed with Vary: Origin on every answer. */
  private static void cors(HttpExchange x) {
    String origin = x.getRequestHeaders().getFirst("Origin");
    x.getResponseHeaders().add("Vary", "Origin");
    if (SPA_ORIGIN.equals(origin)) {
      x.getResponseHeaders().add("Access-Control-Allow-Origin", origin);
    }
  }

  private static void spa(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    if (path.startsWith("/assets/")) {
      send(x, 404, "text/plain", "Not found\n");
    } else if (path.startsWith("/api/")) {
      json(x, 404, "{\"error\":{\"code\":\"not_found\",\"message\":\"not here\"}}");
    } else {
      send(x, 200, "text/html", "<!doctype html><title>fake</title><div id=\"root\"></div>");
    }
  }

  static void json(HttpExchange x, int status, String body) throws IOException {
    send(x, status, "application/json; charset=utf-8", body);
  }

  static void send(HttpExchange x, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", type);
    x.sendResponseHeaders(status, bytes.length);
    x.getResponseBody().write(bytes);
    x.close();
  }

  @Override
  public void close() {
    api.stop(0);
    spa.stop(0);
  }
}
