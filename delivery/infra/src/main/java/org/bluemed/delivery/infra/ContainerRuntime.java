package org.bluemed.delivery.infra;

import java.util.List;
import java.util.Optional;
import org.bluemed.delivery.config.Component;

/**
 * What a component's image allows at run time: the user to run as and the directories it must write
 * to while its root file system is read-only.
 *
 * <p>Note: this belongs in delivery.yml next to the component; it lives here until the
 * configuration carries it, keyed by the two images the repository builds today.
 */
record ContainerRuntime(Optional<String> user, List<String> scratchPaths) {

  ContainerRuntime {
    scratchPaths = List.copyOf(scratchPaths);
  }

  static ContainerRuntime of(Component component) {
    if (component.name().equals("backend")) {
      // The Node image ships an unprivileged "node" user; the API writes nothing but /tmp.
      return new ContainerRuntime(Optional.of("node"), List.of("/tmp"));
    }
    // The nginx master binds port 80 as the image's root user and its workers drop to "nginx";
    // the frontend's nginx.conf keeps its pid, caches and runtime config under /tmp.
    return new ContainerRuntime(Optional.empty(), List.of("/tmp"));
  }

  /**
   * A probe that works whether the image has node, wget or curl: the Node API image has only node,
   * nginx images have curl or busybox wget.
   */
  static List<String> healthCommand(Component component) {
    String url = "http://127.0.0.1:" + component.port() + component.healthPath();
    String probe =
        "node -e \"fetch('"
            + url
            + "').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))\" 2>/dev/null"
            + " || wget -q -O /dev/null "
            + url
            + " 2>/dev/null"
            + " || curl -fsS -o /dev/null "
            + url;
    return List.of("CMD-SHELL", probe);
  }
}
