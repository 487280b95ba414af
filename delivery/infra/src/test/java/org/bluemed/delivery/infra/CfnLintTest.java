package org.bluemed.delivery.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bluemed.delivery.config.ConfigLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every synthesized template through cfn-lint, which knows CloudFormation's own schemas and catches
 * what the CDK lets through. scripts/ensure-cfn-lint.sh installs it.
 */
class CfnLintTest {
  /** cfn-lint's exit code is a bit mask; this bit means at least one error. */
  private static final int ERROR_BIT = 2;

  @TempDir static Path outDir;
  private static List<Path> templates;

  @BeforeAll
  static void synthesize() {
    templates =
        DeliveryApp.synth(ConfigLoader.loadFromRepository(Synthesized.repositoryRoot()), outDir);
  }

  @Test
  void everySynthesizedTemplatePassesCfnLintWithoutErrors() throws Exception {
    List<String> command = new ArrayList<>(List.of(cfnLint(), "--format", "parseable"));
    templates.forEach(t -> command.add(t.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();

    System.out.println(output);
    assertThat(exit & ERROR_BIT).as("cfn-lint errors:%n%s", output).isZero();
  }

  /** $CFN_LINT, else the venv ensure-cfn-lint.sh makes, else whatever is on the PATH. */
  private static String cfnLint() throws IOException {
    String configured = System.getenv("CFN_LINT");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    Path home = Path.of(System.getProperty("user.home"));
    for (Path candidate :
        List.of(
            Path.of("/opt/bluemed-tools/venv/bin/cfn-lint"),
            home.resolve(".cache/bluemed/venv/bin/cfn-lint"))) {
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(java.io.File.pathSeparator))
        .map(dir -> Path.of(dir, "cfn-lint"))
        .filter(Files::isExecutable)
        .findFirst()
        .map(Path::toString)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "cfn-lint is not installed; run scripts/ensure-cfn-lint.sh first"));
  }
}
