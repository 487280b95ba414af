package org.bluemed.delivery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code integrate --tag} refuses a value Docker would not take as a tag before it opens the
 * workspace or calls Docker or git, so these cases run in-process without a Docker engine.
 */
class TagOptionTest {
  @TempDir Path repo;

  @ParameterizedTest(name = "integrate refuses --tag ''{0}'' before any work")
  @ValueSource(strings = {"", "a b", "../../x", "-latest"})
  void integrateRefusesATagDockerWouldNotAcceptBeforeAnyWork(String tag) throws Exception {
    Files.copy(Fixture.repositoryRoot().resolve("delivery.yml"), repo.resolve("delivery.yml"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = DeliveryCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute("integrate", "--tag", tag, "--repo", repo.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "delivery: --tag: '"
                + tag
                + "' is not an image tag; use letters, digits, '_', '.' and '-' (up to 128, not "
                + "starting with '.' or '-'), for example 10819e093075"
                + System.lineSeparator());
    try (Stream<Path> files = Files.list(repo)) {
      assertThat(files).containsExactly(repo.resolve("delivery.yml"));
    }
  }
}
