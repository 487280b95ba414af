package org.bluemed.delivery.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bluemed.delivery.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthTest {

  @Test
  void synthWritesOneTemplatePerStackWithoutCredentialsOrLookups(@TempDir Path outDir)
      throws Exception {
    List<Path> templates =
        DeliveryApp.synth(ConfigLoader.loadFromRepository(Synthesized.repositoryRoot()), outDir);

    assertThat(templates)
        .extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder(
            "bluemed-registry.template.json",
            "bluemed-staging-deployed-tags.template.json",
            "bluemed-production-deployed-tags.template.json",
            "bluemed-staging.template.json",
            "bluemed-production.template.json");
    assertThat(templates).allMatch(Files::isRegularFile);
    // A lookup would leave "missing" context in the manifest and make the CDK CLI call AWS.
    assertThat(Files.readString(outDir.resolve("manifest.json"))).doesNotContain("\"missing\"");
  }
}
