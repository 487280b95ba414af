package org.bluemed.delivery.cli.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes steps as a JUnit XML test suite, the format CodeBuild report groups read. */
public final class JUnitReport {
  private JUnitReport() {}

  public static Path write(Path file, String suite, List<Step> steps) {
    long failures = steps.stream().filter(s -> s.status() == Step.Status.FAILED).count();
    long skipped = steps.stream().filter(s -> s.status() == Step.Status.SKIPPED).count();
    double total = steps.stream().mapToLong(s -> s.duration().toMillis()).sum() / 1000.0;
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append(
        "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" skipped=\"%d\" time=\"%.3f\">\n"
            .formatted(escape(suite), steps.size(), failures, skipped, total));
    for (Step step : steps) {
      xml.append(
          "  <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\""
              .formatted(escape(suite), escape(step.name()), step.duration().toMillis() / 1000.0));
      switch (step.status()) {
        case OK -> xml.append("/>\n");
        case FAILED ->
            xml.append(
                ">\n    <failure message=\"%s\"/>\n  </testcase>\n"
                    .formatted(escape(step.detail())));
        case SKIPPED ->
            xml.append(
                ">\n    <skipped message=\"%s\"/>\n  </testcase>\n"
                    .formatted(escape(step.detail())));
      }
    }
    xml.append("</testsuite>\n");
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, xml.toString());
    } catch (IOException e) {
      throw Failure.environment("failed to write JUnit report " + file + ": " + e.getMessage());
    }
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replaceAll("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]", "");
  }
}
