package org.bluemed.delivery.config;

import java.util.List;

/**
 * Bad configuration or a bad name given on the command line. Each problem names the field and says
 * what a valid value looks like.
 */
public class ConfigException extends RuntimeException {
  private final List<String> problems;

  public ConfigException(String problem) {
    this(List.of(problem));
  }

  public ConfigException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
