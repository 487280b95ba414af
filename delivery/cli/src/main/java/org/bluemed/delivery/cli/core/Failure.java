package org.bluemed.delivery.cli.core;

/**
 * A failure with its documented exit code. Messages say what happened and why, and name the
 * component, file or resource.
 */
public class Failure extends RuntimeException {
  /** Exit codes of every {@code delivery} command, documented in docs/cli.md. */
  public enum Kind {
    /** A check failed: lint, tests, a Dockerfile, an unhealthy service, a verification. */
    CHECK_FAILED(1),
    /** Bad input: configuration, an unknown component, a bad option value. */
    BAD_INPUT(2),
    /** The environment is not usable: no Docker engine, registry down, AWS or state errors. */
    ENVIRONMENT(3);

    private final int exitCode;

    Kind(int exitCode) {
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }

  private final Kind kind;

  public Failure(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Failure(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public static Failure check(String message) {
    return new Failure(Kind.CHECK_FAILED, message);
  }

  public static Failure badInput(String message) {
    return new Failure(Kind.BAD_INPUT, message);
  }

  public static Failure environment(String message) {
    return new Failure(Kind.ENVIRONMENT, message);
  }

  public Kind kind() {
    return kind;
  }
}
