package io.mcphub.gateway.categorize;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The learned categories on disk: saved whole, and an unusable file is kept aside rather than lost or overwritten. */
@Timeout(10)
class LearnedCategoryStoreTest {

  @TempDir
  Path dir;

  @Test
  void whatWasSavedIsLoadedAndNoTemporaryFileStays() throws IOException {
    LearnedCategoryStore store = new LearnedCategoryStore(dir.resolve("state").resolve("tool-categories.json"));
    JsonObject entries = new JsonObject().put("fx__echo#1", new JsonObject().put("category", "web").put("learnedAt", 1L));
    store.save(entries.toBuffer());
    store.save(entries.copy().put("fx__sleep#2", new JsonObject().put("category", "other")).toBuffer());
    assertThat(store.load().fieldNames()).containsExactlyInAnyOrder("fx__echo#1", "fx__sleep#2");
    assertThat(names(dir.resolve("state"))).containsExactly("tool-categories.json");
  }

  @Test
  void anEmptyFileIsKeptAsideNotDiscardedAndTheNextSaveDoesNotTouchIt() throws IOException {
    Path file = dir.resolve("tool-categories.json");
    Files.write(file, new byte[0]);
    LearnedCategoryStore store = new LearnedCategoryStore(file);
    assertThat(store.load()).isEmpty();
    List<String> names = names(dir);
    assertThat(names).hasSize(1).allMatch(name -> name.startsWith("tool-categories.json.corrupt-"));
    store.save(new JsonObject().put("k", new JsonObject()).toBuffer());
    assertThat(names(dir)).hasSize(2).contains("tool-categories.json", names.get(0));
  }

  @Test
  void aTruncatedFileIsKeptAsideWithItsBytes() throws IOException {
    Path file = dir.resolve("tool-categories.json");
    String partial = "{\"fx__echo#1\":{\"category\":\"web\",\"learnedAt\":1},\"fx__sl";
    Files.writeString(file, partial, StandardCharsets.UTF_8);
    assertThat(new LearnedCategoryStore(file).load()).isEmpty();
    Path aside;
    try (Stream<Path> files = Files.list(dir)) {
      aside = files.filter(p -> p.getFileName().toString().contains(".corrupt-")).findFirst().orElseThrow();
    }
    assertThat(Files.readString(aside, StandardCharsets.UTF_8)).isEqualTo(partial);
    assertThat(file).doesNotExist();
  }

  @Test
  void aTemporaryFileOfAWriterThatDiedIsRemovedButTheStateIsKept() throws IOException {
    Path file = dir.resolve("tool-categories.json");
    LearnedCategoryStore store = new LearnedCategoryStore(file);
    store.save(new JsonObject().put("a", new JsonObject().put("category", "web")).toBuffer());
    long deadPid = Long.MAX_VALUE - 1;
    Files.writeString(dir.resolve(".tool-categories.json." + deadPid + ".tmp"), "{\"half", StandardCharsets.UTF_8);
    assertThat(store.load().fieldNames()).containsExactly("a");
    assertThat(names(dir)).containsExactly("tool-categories.json");
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
