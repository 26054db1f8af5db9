package io.mcphub.gateway.categorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The categorizing side sees the running hub only through {@link CatalogSource}: nothing in {@code categorize} refers to
 * the {@code mcp} package, whose dispatcher and meta tools depend on {@code categorize}.
 */
class PackageBoundaryTest {

  @Test
  void categorizeDoesNotDependOnTheMcpPackage() throws IOException {
    Path sources = Path.of("src/main/java/io/mcphub/gateway/categorize");
    try (Stream<Path> files = Files.list(sources)) {
      List<String> offenders = files.filter(file -> file.toString().endsWith(".java"))
          .filter(file -> read(file).contains("io.mcphub.gateway.mcp.")).map(file -> file.getFileName().toString()).toList();
      assertThat(offenders).isEmpty();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
