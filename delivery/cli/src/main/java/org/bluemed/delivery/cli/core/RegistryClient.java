package org.bluemed.delivery.cli.core;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Talks to an OCI registry over the distribution API (/v2/): the local stand-in for ECR here, which
 * answers the same manifest requests ECR does.
 */
public final class RegistryClient {
  private static final String MANIFEST_TYPES =
      String.join(
          ", ",
          "application/vnd.oci.image.index.v1+json",
          "application/vnd.oci.image.manifest.v1+json",
          "application/vnd.docker.distribution.manifest.list.v2+json",
          "application/vnd.docker.distribution.manifest.v2+json");

  private final String address;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public RegistryClient(String address) {
    this.address = address;
  }

  public String address() {
    return address;
  }

  /** Fails with an environment error when the registry does not answer its API root. */
  public void requireReachable() {
    try {
      HttpResponse<Void> response =
          http.send(request("/v2/").GET().build(), HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() != 200 && response.statusCode() != 401) {
        throw Failure.environment(
            "registry at " + address + " answered /v2/ with HTTP " + response.statusCode());
      }
    } catch (IOException e) {
      throw Failure.environment(
          "registry at "
              + address
              + " is not answering ("
              + e.getClass().getSimpleName()
              + "); start it with scripts/ensure-registry.sh or set DELIVERY_REGISTRY");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Failure.environment("interrupted while probing registry " + address);
    }
  }

  /** The content digest of a tag, or empty when the registry does not have it. */
  public Optional<String> digest(String repository, String tag) {
    try {
      HttpResponse<Void> response =
          http.send(
              request("/v2/" + repository + "/manifests/" + tag)
                  .header("Accept", MANIFEST_TYPES)
                  .method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() == 404) {
        return Optional.empty();
      }
      if (response.statusCode() != 200) {
        throw Failure.environment(
            "registry at "
                + address
                + " answered HTTP "
                + response.statusCode()
                + " for "
                + repository
                + ":"
                + tag);
      }
      return response.headers().firstValue("Docker-Content-Digest");
    } catch (IOException e) {
      throw Failure.environment("registry at " + address + " is not answering: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Failure.environment("interrupted while asking registry " + address);
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://" + address + path))
        .timeout(Duration.ofSeconds(10));
  }
}
