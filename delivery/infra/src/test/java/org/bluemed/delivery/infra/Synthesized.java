package org.bluemed.delivery.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bluemed.delivery.config.ConfigLoader;
import org.bluemed.delivery.config.DeliveryConfig;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/** The app built from the repository's own delivery.yml, the way the tests look at it. */
final class Synthesized {
  final DeliveryConfig config;
  final List<Stack> stacks;

  private Synthesized(DeliveryConfig config) {
    this.config = config;
    this.stacks =
        DeliveryApp.build(new App(AppProps.builder().context(DeliveryApp.CONTEXT).build()), config);
  }

  private static Synthesized repositoryApp;

  /** Built once per test JVM: every test class asserts on the same synthesized app. */
  static synchronized Synthesized repositoryApp() {
    if (repositoryApp == null) {
      repositoryApp = new Synthesized(ConfigLoader.loadFromRepository(repositoryRoot()));
    }
    return repositoryApp;
  }

  static Synthesized from(DeliveryConfig config) {
    return new Synthesized(config);
  }

  static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(ConfigLoader.FILE_NAME))) {
        return dir;
      }
    }
    throw new IllegalStateException("delivery.yml not found above " + Path.of("").toAbsolutePath());
  }

  Stack stack(String name) {
    return stacks.stream()
        .filter(s -> s.getStackName().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no stack " + name));
  }

  private final Map<String, Template> templates = new HashMap<>();

  synchronized Template template(String name) {
    return templates.computeIfAbsent(name, n -> Template.fromStack(stack(n)));
  }

  Template registryTemplate() {
    return template(config.naming().registryStack());
  }

  /** Environment name to its stack's template, in promotion order. */
  Map<String, Template> environmentTemplates() {
    Map<String, Template> byName = new LinkedHashMap<>();
    config
        .environments()
        .forEach(e -> byName.put(e.name(), template(config.naming().environmentStack(e))));
    return byName;
  }

  Stack registry() {
    return stack(config.naming().registryStack());
  }

  List<Stack> environments() {
    return config.environments().stream()
        .map(e -> stack(config.naming().environmentStack(e)))
        .toList();
  }
}
