package org.bluemed.delivery.cli.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash of everything that goes into a component's image: its files (see {@link ComponentFiles})
 * and the base images. Equal hashes mean the image built before can be reused without running npm
 * or docker again.
 */
public final class BuildInputs {
  private BuildInputs() {}

  public static String hash(Path root, List<Path> files, Map<String, String> buildArgs) {
    MessageDigest digest = Hashing.sha256();
    new TreeMap<>(buildArgs)
        .forEach((k, v) -> digest.update((k + "=" + v + "\n").getBytes(StandardCharsets.UTF_8)));
    for (Path file : files) {
      digest.update(file.toString().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      try {
        digest.update(ComponentFiles.content(root.resolve(file)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      digest.update((byte) 0);
    }
    return Hashing.hex(digest);
  }
}
