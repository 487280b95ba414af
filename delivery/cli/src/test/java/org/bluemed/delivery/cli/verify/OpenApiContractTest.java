package org.bluemed.delivery.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bluemed.delivery.cli.core.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calls derived from the backend's own openapi.yaml. */
class OpenApiContractTest {
  static final Path SPEC = VerifyCommandTest.repositoryRoot().resolve("backend/openapi.yaml");

  @Test
  void everyDocumentedGetIsCalledWithItsParameterExamples() {
    List<String> requests =
        OpenApiContract.load(SPEC).calls().stream()
            .filter(c -> c.label().equals("with its examples"))
            .map(OpenApiContract.Call::request)
            .toList();

    assertThat(requests)
        .containsExactly(
            "/api/health",
            "/api/specialties?q=cardio&hasOpenSlots=true",
            "/api/specialties/cardiology",
            "/api/specialties/ophthalmology/slots?date=2030-03-04");
  }

  @Test
  void responseExamplesThatShowAnEmptyListRequireOne() {
    OpenApiContract.Call noMatch =
        OpenApiContract.load(SPEC).calls().stream()
            .filter(c -> c.label().equals("example noMatch"))
            .findFirst()
            .orElseThrow();

    assertThat(noMatch.request()).isEqualTo("/api/specialties?q=zzz");
    assertThat(noMatch.emptyArrays()).containsExactly("/items");
  }

  @Test
  void operationsThatDocumentA404AreCalledWithAnUnknownId() {
    List<String> unknown =
        OpenApiContract.load(SPEC).calls().stream()
            .filter(c -> c.status() == 404)
            .map(OpenApiContract.Call::request)
            .toList();

    assertThat(unknown)
        .containsExactly(
            "/api/specialties/delivery-check-unknown",
            "/api/specialties/delivery-check-unknown/slots");
  }

  @Test
  void aFileWithoutPathsIsBadInput(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("openapi.yaml"), "openapi: 3.0.3\ninfo: {}\n");

    assertThatThrownBy(() -> OpenApiContract.load(file))
        .isInstanceOf(Failure.class)
        .hasMessageStartingWith(file + " is not a valid OpenAPI document")
        .extracting(e -> ((Failure) e).kind())
        .isEqualTo(Failure.Kind.BAD_INPUT);
  }
}
