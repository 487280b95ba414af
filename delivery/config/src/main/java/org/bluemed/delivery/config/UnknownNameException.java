package org.bluemed.delivery.config;

/**
 * A component or environment name given on the command line that {@code delivery.yml} does not
 * define. The configuration itself is fine, so callers report this as bad input rather than as an
 * invalid configuration.
 */
public final class UnknownNameException extends ConfigException {
  public UnknownNameException(String problem) {
    super(problem);
  }
}
