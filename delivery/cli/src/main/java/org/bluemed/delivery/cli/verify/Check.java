package org.bluemed.delivery.cli.verify;

import java.time.Duration;
import java.time.Instant;
import org.bluemed.delivery.cli.core.Step;

/** Runs one check body and turns what happened into its checklist line. */
final class Check {
  private Check() {}

  /** A check's work: returns normally when it holds, throws {@link Broken} when it does not. */
  interface Body {
    void run() throws Broken, HttpCheck.NoAnswer;
  }

  /** The check ran and the target answered wrongly; the message says how. */
  static final class Broken extends Exception {
    Broken(String message) {
      super(message);
    }
  }

  static Step run(String name, Body body) {
    Instant start = Instant.now();
    try {
      body.run();
      return Step.ok(name, Duration.between(start, Instant.now()));
    } catch (Broken | HttpCheck.NoAnswer e) {
      return Step.failed(name, Duration.between(start, Instant.now()), e.getMessage());
    }
  }

  static void require(boolean holds, String otherwise) throws Broken {
    if (!holds) {
      throw new Broken(otherwise);
    }
  }
}
