package org.bluemed.delivery.config;

import java.util.List;
import java.util.stream.Collectors;

/** The validated content of {@code delivery.yml}. Built only by {@link ConfigLoader}. */
public record DeliveryConfig(
    String application,
    String domain,
    Repository repository,
    List<Component> components,
    List<Environment> environments) {

  public DeliveryConfig {
    components = List.copyOf(components);
    environments = List.copyOf(environments);
  }

  /** Looks a component up by name; an unknown name is bad input from the command line. */
  public Component component(String name) {
    return components.stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new UnknownNameException(
                    "unknown component '" + name + "': delivery.yml defines " + componentNames()));
  }

  /** Looks an environment up by name; an unknown name is bad input from the command line. */
  public Environment environment(String name) {
    return environments.stream()
        .filter(e -> e.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new UnknownNameException(
                    "unknown environment '"
                        + name
                        + "': delivery.yml defines "
                        + environments.stream().map(Environment::name).toList()));
  }

  public String componentNames() {
    return components.stream().map(Component::name).collect(Collectors.joining(", ", "[", "]"));
  }

  public Naming naming() {
    return new Naming(this);
  }
}
