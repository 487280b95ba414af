package org.bluemed.delivery.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules of {@code delivery.yml} that its JSON Schema cannot express. */
final class ConfigRules {
  private static final Pattern DOMAIN =
      Pattern.compile("^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");
  private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");

  private ConfigRules() {}

  /**
   * Checks the rules across fields and entries; each problem names its field.
   *
   * @param setsLocalPort indexes of the components whose localPort is written in the file rather
   *     than defaulted to port, so a clash names the field that holds the value
   */
  static List<String> check(DeliveryConfig config, Set<Integer> setsLocalPort, String source) {
    List<String> problems = new ArrayList<>();
    String at = source + ": ";

    if (!DOMAIN.matcher(config.domain()).matches()) {
      problems.add(
          at
              + "domain: '"
              + config.domain()
              + "' is not a valid DNS name; "
              + "use lower-case labels separated by dots, for example bluemed.example.org");
    }

    Map<String, Integer> names = new HashMap<>();
    Map<Integer, Integer> localPorts = new HashMap<>();
    Map<String, Integer> hosts = new HashMap<>();
    Map<String, Integer> paths = new HashMap<>();
    List<Component> components = config.components();
    for (int i = 0; i < components.size(); i++) {
      Component c = components.get(i);
      String field = at + "components[" + i + "]";
      Integer other = names.putIfAbsent(c.name(), i);
      if (other != null) {
        problems.add(
            field
                + ".name: '"
                + c.name()
                + "' is already used by components["
                + other
                + "]; component names must be unique");
      }
      Optional<String> pathProblem = pathProblem(c.path());
      pathProblem.ifPresent(
          why ->
              problems.add(
                  field
                      + ".path: '"
                      + c.path()
                      + "' "
                      + why
                      + "; use a directory relative to the repository root, "
                      + "for example backend"));
      other = pathProblem.isPresent() ? null : paths.putIfAbsent(c.path(), i);
      if (other != null) {
        problems.add(
            field
                + ".path: '"
                + c.path()
                + "' is already used by components["
                + other
                + "] ("
                + components.get(other).name()
                + "); each component needs its own directory");
      }
      if (pathProblem.isEmpty()) {
        // One inside the other would make a file an input of both images.
        for (int j = 0; j < i; j++) {
          String a = components.get(j).path() + "/";
          String b = c.path() + "/";
          if (!a.equals(b) && (a.startsWith(b) || b.startsWith(a))) {
            problems.add(
                field
                    + ".path: '"
                    + c.path()
                    + "' and components["
                    + j
                    + "].path '"
                    + components.get(j).path()
                    + "' lie one inside the other; give each component a directory of its own");
          }
        }
      }
      other = localPorts.putIfAbsent(c.localPort(), i);
      if (other != null) {
        problems.add(
            field
                + "."
                + localPortField(setsLocalPort, i)
                + ": "
                + c.localPort()
                + " is already used by components["
                + other
                + "]."
                + localPortField(setsLocalPort, other)
                + " ("
                + components.get(other).name()
                + "); each component is published on its own port of 127.0.0.1, so "
                + (setsLocalPort.contains(i) ? "choose another localPort" : "set localPort")
                + ", for example localPort: "
                + freePort(components, c.localPort())
                + ", and publish the same port in docker-compose.yml");
      }
      other = hosts.putIfAbsent(c.hostPrefix(), i);
      if (other != null) {
        problems.add(
            field
                + ".hostPrefix: '"
                + c.hostPrefix()
                + "' is already used by components["
                + other
                + "] ("
                + components.get(other).name()
                + "); each component needs its own host");
      }
      if (!FargateSize.accepts(c.cpu(), c.memory())) {
        problems.add(
            field
                + ".memory: Fargate does not accept cpu "
                + c.cpu()
                + " with memory "
                + c.memory()
                + "; "
                + FargateSize.describe(c.cpu()));
      }
    }

    Map<String, Integer> environmentNames = new HashMap<>();
    Map<String, Integer> domains = new HashMap<>();
    List<Environment> environments = config.environments();
    for (int i = 0; i < environments.size(); i++) {
      Environment e = environments.get(i);
      String field = at + "environments[" + i + "]";
      Integer other = environmentNames.putIfAbsent(e.name(), i);
      if (other != null) {
        problems.add(
            field
                + ".name: '"
                + e.name()
                + "' is already used by environments["
                + other
                + "]; environment names must be unique");
      }
      e.subdomain()
          .filter(s -> !LABEL.matcher(s).matches())
          .ifPresent(
              s ->
                  problems.add(
                      field
                          + ".subdomain: '"
                          + s
                          + "' is not a DNS label; "
                          + "use lower-case letters, digits and hyphens, for example staging"));
      other = domains.putIfAbsent(config.naming().environmentDomain(e), i);
      if (other != null) {
        problems.add(
            field
                + ".subdomain: environments["
                + other
                + "] already serves "
                + config.naming().environmentDomain(e)
                + "; give one of them a subdomain");
      }
      if (e.hostedZoneId().isEmpty() && e.certificateArn().isEmpty()) {
        problems.add(
            field
                + ": needs hostedZoneId (a DNS-validated certificate is created in it) "
                + "or certificateArn (an existing ACM certificate), for example hostedZoneId: "
                + "Z0123456789ABCDEFGHIJ");
      }
      e.autoscaling()
          .filter(a -> a.minCapacity() > a.maxCapacity())
          .ifPresent(
              a ->
                  problems.add(
                      field
                          + ".autoscaling.minCapacity: "
                          + a.minCapacity()
                          + " is above maxCapacity "
                          + a.maxCapacity()));
    }
    return problems;
  }

  /** The field a component's published port comes from. */
  private static String localPortField(Set<Integer> setsLocalPort, int component) {
    return setsLocalPort.contains(component) ? "localPort" : "port";
  }

  /** The next port above {@code taken} that no component publishes on, as an example. */
  private static int freePort(List<Component> components, int taken) {
    Set<Integer> used = new HashSet<>();
    components.forEach(c -> used.add(c.localPort()));
    int port = taken;
    do {
      port = port == 65535 ? 1024 : port + 1;
    } while (used.contains(port));
    return port;
  }

  /**
   * Why a component path is unsafe, if it is. The CLI runs builds and {@code npm ci} in this
   * directory, so it must stay inside the repository; requiring the normalized form also makes two
   * spellings of one directory compare equal.
   */
  private static Optional<String> pathProblem(String path) {
    if (path.isBlank()) {
      return Optional.of("is empty");
    }
    if (path.equals(".")) {
      return Optional.of("is the repository root, not a component directory");
    }
    if (path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:.*")) {
      return Optional.of("is absolute");
    }
    if (path.contains("\\")) {
      return Optional.of("contains a backslash; separate directories with /");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.equals("..")) {
        return Optional.of("contains '..' and may leave the repository");
      }
      if (segment.isEmpty() || segment.equals(".")) {
        return Optional.of("is not normalized (no empty or '.' segments, no trailing /)");
      }
      if (segment.chars().anyMatch(Character::isISOControl)) {
        return Optional.of("contains a control character");
      }
    }
    return Optional.empty();
  }
}
