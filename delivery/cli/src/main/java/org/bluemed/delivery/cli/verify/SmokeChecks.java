package org.bluemed.delivery.cli.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bluemed.delivery.cli.core.Step;
import org.bluemed.delivery.cli.verify.Check.Broken;

/**
 * The first questions to ask a deployment: does the API say it is healthy, also to a caller that
 * knows it only by IP address, and does the SPA server answer the way the app relies on (the page,
 * the fallback for deep links, plain 404s for missing assets and for API paths).
 */
final class SmokeChecks {
  /** A client-side route no SPA defines, so only the index.html fallback can answer it. */
  static final String DEEP_LINK = "/delivery-check/deep/link";

  /** A hashed asset name that cannot exist. */
  static final String MISSING_ASSET = "/assets/delivery-check-missing-0000000.js";

  /**
   * An API path asked of the SPA's host: a misconfigured client, never to be answered with HTML.
   */
  static final String API_ON_SPA_HOST = "/api/delivery-check";

  /**
   * The Host header load balancer health checks send: the target's IP address. Only a header; the
   * request still goes to the target's URL.
   */
  static final String IP_HOST = "10.0.0.1";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpCheck http;

  SmokeChecks(HttpCheck http) {
    this.http = http;
  }

  /**
   * @param direct whether the URL reaches the container itself (the compose stack) rather than a
   *     load balancer that routes by Host header
   */
  List<Step> api(Target.Endpoint api, boolean direct) {
    String health = api.at(api.healthPath());
    String ipHostCheck = api.component() + " health answers with an IP address as Host";
    return List.of(
        Check.run(
            api.component() + " health is JSON with a status field",
            () -> requireHealthy(http.get(health, Map.of("Accept", "application/json")), health)),
        direct
            ? Check.run(
                ipHostCheck,
                () ->
                    requireHealthy(
                        http.getWithHost(health, IP_HOST), health + " (Host: " + IP_HOST + ")"))
            : Step.skipped(
                ipHostCheck,
                "behind the load balancer the Host header picks the rule, so an IP Host gets the"
                    + " default 404; the ALB's own health check probes each target by IP"));
  }

  List<Step> spa(Target.Endpoint spa) {
    List<Step> steps = new ArrayList<>();
    steps.add(
        Check.run(
            spa.component() + " root serves the SPA", () -> requireAnswer(spa.at("/"), 200, true)));
    steps.add(
        Check.run(
            spa.component() + " deep link falls back to the SPA",
            () -> requireAnswer(spa.at(DEEP_LINK), 200, true)));
    steps.add(
        Check.run(
            spa.component() + " missing asset is 404, not the SPA",
            () -> requireAnswer(spa.at(MISSING_ASSET), 404, false)));
    steps.add(
        Check.run(
            spa.component() + " API path on the SPA host is not the SPA",
            () -> {
              HttpCheck.Answer a = http.get(spa.at(API_ON_SPA_HOST), Map.of());
              Check.require(
                  !a.isHtml() && a.status() != 200,
                  spa.at(API_ON_SPA_HOST)
                      + " answered "
                      + a.summary()
                      + "; an API path on the SPA host must not get the SPA page");
            }));
    return steps;
  }

  private void requireHealthy(HttpCheck.Answer a, String url) throws Broken {
    Check.require(a.status() == 200, url + " answered " + a.summary() + ", expected 200");
    Check.require(a.isJson(), url + " answered " + a.summary() + ", expected application/json");
    JsonNode body;
    try {
      body = JSON.readTree(a.body());
    } catch (IOException e) {
      throw new Broken(url + " answered a body that is not JSON: " + abbreviate(a.body()));
    }
    Check.require(
        body != null && body.hasNonNull("status"),
        url + " answered JSON without a status field: " + abbreviate(a.body()));
  }

  private void requireAnswer(String url, int status, boolean html)
      throws Broken, HttpCheck.NoAnswer {
    HttpCheck.Answer a = http.get(url, Map.of());
    Check.require(
        a.status() == status && a.isHtml() == html,
        url
            + " answered "
            + a.summary()
            + ", expected "
            + status
            + (html ? " text/html" : " with a type other than text/html"));
  }

  static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
  }
}
