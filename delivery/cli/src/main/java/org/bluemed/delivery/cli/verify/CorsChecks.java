package org.bluemed.delivery.cli.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bluemed.delivery.cli.core.Step;
import org.bluemed.delivery.cli.verify.Check.Broken;

/**
 * What a browser needs from the API to let the SPA read its answers: the SPA's exact origin echoed
 * back with {@code Vary: Origin} (so no cache serves one origin's answer to another), on error
 * answers too, and nothing at all for an origin that is not on the list.
 */
final class CorsChecks {
  /** An origin that can never be on an allow-list: {@code .invalid} is reserved (RFC 2606). */
  static final String FOREIGN_ORIGIN = "https://foreign.delivery-check.invalid";

  /** A header the SPA's requests may carry, asked for in the preflight. */
  static final String REQUESTED_HEADER = "x-request-id";

  /** A path below the API's prefix that no route answers: the API's own 404. */
  static final String MISSING_ROUTE = "/delivery-check/missing";

  private final HttpCheck http;

  CorsChecks(HttpCheck http) {
    this.http = http;
  }

  List<Step> run(Target.Endpoint api, Target target) {
    String origin = target.spaOrigin();
    String url = api.at(api.healthPath());
    String missing = api.at(prefixOf(api.healthPath()) + MISSING_ROUTE);
    List<Step> steps = new ArrayList<>();
    steps.add(
        Check.run(
            api.component() + " CORS preflight from " + origin + " is allowed",
            () -> {
              HttpCheck.Answer a = http.send("OPTIONS", url, preflight(origin));
              Check.require(
                  a.status() >= 200 && a.status() < 300,
                  "OPTIONS " + url + " answered " + a.status() + ", expected 2xx");
              requireAllowed(a, origin, target.corsCredentials());
              requireListed(a, "access-control-allow-methods", "GET");
              requireListed(a, "access-control-allow-headers", REQUESTED_HEADER);
            }));
    steps.add(
        Check.run(
            api.component() + " CORS answer to " + origin + " names it",
            () ->
                requireAllowed(
                    http.get(url, Map.of("Origin", origin)), origin, target.corsCredentials())));
    steps.add(
        Check.run(
            api.component() + " CORS gives a foreign origin nothing",
            () -> {
              for (HttpCheck.Answer a :
                  List.of(
                      http.send("OPTIONS", url, preflight(FOREIGN_ORIGIN)),
                      http.get(url, Map.of("Origin", FOREIGN_ORIGIN)))) {
                Check.require(
                    a.header("access-control-allow-origin") == null,
                    url
                        + " allowed "
                        + FOREIGN_ORIGIN
                        + " (Access-Control-Allow-Origin: "
                        + a.header("access-control-allow-origin")
                        + ")");
              }
            }));
    steps.add(
        Check.run(
            api.component() + " CORS headers on a 4xx answer",
            () -> {
              HttpCheck.Answer a = http.get(missing, Map.of("Origin", origin));
              Check.require(
                  a.status() >= 400 && a.status() < 500,
                  missing + " answered " + a.status() + ", expected a 4xx to check");
              requireAllowed(a, origin, target.corsCredentials());
            }));
    // The API has no route that fails on purpose, and verification must not break a running
    // environment to make one fail; its CORS headers are added before any route runs, so the
    // 4xx answer above goes through the same code as a 5xx would.
    steps.add(
        Step.skipped(
            api.component() + " CORS headers on a 5xx answer",
            "no request yields a 5xx on purpose; the 4xx check covers the same error path"));
    return steps;
  }

  private static Map<String, String> preflight(String origin) {
    return Map.of(
        "Origin", origin,
        "Access-Control-Request-Method", "GET",
        "Access-Control-Request-Headers", REQUESTED_HEADER);
  }

  private static void requireAllowed(HttpCheck.Answer a, String origin, boolean credentials)
      throws Broken {
    String allowed = a.header("access-control-allow-origin");
    Check.require(
        origin.equals(allowed),
        "Access-Control-Allow-Origin is "
            + (allowed == null ? "missing" : "'" + allowed + "'")
            + " on a "
            + a.status()
            + " answer, expected exactly '"
            + origin
            + "'");
    requireListed(a, "vary", "Origin");
    String allowCredentials = a.header("access-control-allow-credentials");
    if (credentials) {
      Check.require(
          "true".equals(allowCredentials),
          "Access-Control-Allow-Credentials is "
              + allowCredentials
              + ", expected true (credentials are configured)");
    } else {
      Check.require(
          allowCredentials == null,
          "Access-Control-Allow-Credentials is "
              + allowCredentials
              + " but credentials are not configured; pass --cors-credentials if they should be");
    }
  }

  private static void requireListed(HttpCheck.Answer a, String header, String value) throws Broken {
    String list = a.header(header);
    boolean listed =
        list != null
            && Arrays.stream(list.split(","))
                .map(v -> v.strip().toLowerCase(Locale.ROOT))
                .anyMatch(v -> v.equals(value.toLowerCase(Locale.ROOT)) || v.equals("*"));
    Check.require(
        listed,
        header
            + " is "
            + (list == null ? "missing" : "'" + list + "'")
            + ", expected it to list "
            + value);
  }

  /** {@code /api} for {@code /api/health}: the missing route stays under the API's prefix. */
  private static String prefixOf(String healthPath) {
    int slash = healthPath.lastIndexOf('/');
    return slash <= 0 ? "" : healthPath.substring(0, slash);
  }
}
