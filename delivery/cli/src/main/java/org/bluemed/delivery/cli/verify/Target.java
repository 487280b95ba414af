package org.bluemed.delivery.cli.verify;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.bluemed.delivery.cli.core.Failure;
import org.bluemed.delivery.cli.core.Workspace;
import org.bluemed.delivery.config.Component;
import org.bluemed.delivery.config.Environment;
import org.bluemed.delivery.config.Naming;

/**
 * What one verification talks to: the API and the SPA of one target, the origin the API must allow,
 * and where the API's contract and the browser journey live in the checkout.
 *
 * @param spaOrigin the origin the SPA runs at in a browser, the one the API's CORS allow-list names
 * @param openApi the API's {@code openapi.yaml}, when the API component has one
 * @param journey the SPA's Playwright journey directory ({@code e2e/}), when it has one
 */
public record Target(
    String name,
    Optional<Endpoint> api,
    Optional<Endpoint> spa,
    String spaOrigin,
    boolean corsCredentials,
    Optional<Path> openApi,
    Optional<Path> journey) {

  /** One component's base URL (no trailing slash) and the path its readiness is probed on. */
  public record Endpoint(String component, String url, String healthPath) {
    public String at(String path) {
      return url + path;
    }
  }

  public static final String LOCAL = "local";

  /** What the command line may override; every field empty means "from delivery.yml". */
  public record Overrides(
      Optional<String> backendUrl,
      Optional<String> frontendUrl,
      Optional<String> spaOrigin,
      Optional<Path> openApi,
      boolean corsCredentials) {
    public static Overrides none() {
      return new Overrides(
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
    }
  }

  /**
   * The target named {@code local} (the compose services on 127.0.0.1) or an environment of
   * delivery.yml (its public URLs), with the overrides applied.
   */
  public static Target resolve(Workspace workspace, String name, Overrides overrides) {
    Naming naming = workspace.naming();
    Optional<Component> apiComponent = first(workspace, Component.Kind.API);
    Optional<Component> spaComponent = first(workspace, Component.Kind.SPA);
    Optional<Environment> environment =
        name.equals(LOCAL) ? Optional.empty() : Optional.of(workspace.config().environment(name));

    Optional<Endpoint> api =
        apiComponent.map(
            c ->
                new Endpoint(
                    c.name(),
                    trim(overrides.backendUrl().orElseGet(() -> url(naming, environment, c))),
                    c.healthPath()));
    Optional<Endpoint> spa =
        spaComponent.map(
            c ->
                new Endpoint(
                    c.name(),
                    trim(overrides.frontendUrl().orElseGet(() -> url(naming, environment, c))),
                    c.healthPath()));

    // Browsers on a developer's machine open the compose stack at localhost, which is what
    // docker-compose.yml puts in the API's allow-list; in an environment the SPA's public URL is
    // its origin.
    String origin =
        overrides
            .spaOrigin()
            .or(() -> overrides.frontendUrl().map(Target::originOf))
            .orElseGet(
                () ->
                    spaComponent
                        .map(
                            c ->
                                environment.isEmpty()
                                    ? "http://localhost:" + c.localPort()
                                    : naming.publicUrl(environment.get(), c))
                        .orElse(""));

    Optional<Path> openApi =
        overrides
            .openApi()
            .map(p -> p.toAbsolutePath().normalize())
            .or(
                () ->
                    apiComponent
                        .map(c -> workspace.root().resolve(c.path()).resolve("openapi.yaml"))
                        .filter(Files::isRegularFile));
    Optional<Path> journey =
        spaComponent
            .map(c -> workspace.root().resolve(c.path()).resolve("e2e"))
            .filter(Files::isDirectory);
    return new Target(name, api, spa, origin, overrides.corsCredentials(), openApi, journey);
  }

  private static Optional<Component> first(Workspace workspace, Component.Kind kind) {
    return workspace.config().components().stream().filter(c -> c.kind() == kind).findFirst();
  }

  private static String url(Naming naming, Optional<Environment> env, Component c) {
    return env.map(e -> naming.publicUrl(e, c)).orElseGet(() -> naming.localUrl(c));
  }

  private static String trim(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw Failure.badInput(url + " is not a URL: " + e.getMessage());
    }
    if (uri.getHost() == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
      throw Failure.badInput(url + " is not an http:// or https:// URL with a host");
    }
    return url.replaceAll("/+$", "");
  }

  static String originOf(String url) {
    URI uri = URI.create(trim(url));
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
  }
}
