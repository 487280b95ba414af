package org.bluemed.delivery.config;

/**
 * One deployable part of the monorepo: a directory with its own Dockerfile, served on one port
 * behind one public host name.
 *
 * @param localPort the port docker-compose publishes on 127.0.0.1 (may differ from {@code port}, as
 *     the frontend's nginx listens on 80 but is published on 3000)
 */
public record Component(
    String name,
    Kind kind,
    String path,
    int port,
    int localPort,
    String hostPrefix,
    String healthPath,
    int cpu,
    int memory) {

  /** What a component serves, which decides how it is checked. */
  public enum Kind {
    /** An HTTP API answering JSON. */
    API,
    /** A single-page app: HTML with a fallback to index.html for deep links. */
    SPA
  }
}
