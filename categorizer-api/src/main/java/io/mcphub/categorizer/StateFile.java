package io.mcphub.categorizer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * A file the hub or a categorizer writes and later reads back, replaced atomically so that a crash or a {@code kill -9} at any moment
 * leaves either the previous or the new complete content: the new content goes to a temporary file in the same
 * directory, is forced to disk, and is renamed over the old file; then the directory itself is forced where the
 * platform allows it. A file found unusable is kept aside under another name, never silently discarded.
 *
 * <p>Every method blocks: call it from a worker ({@code executeBlocking}), never from an event loop.
 */
public final class StateFile {

  private static final String TEMP_SUFFIX = ".tmp";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Path file;

  public StateFile(Path file) {
    this.file = file.toAbsolutePath();
  }

  public Path path() {
    return file;
  }

  /** Replaces the file's content with {@code content}, atomically and durably. */
  public void write(byte[] content) throws IOException {
    Path dir = file.getParent();
    Files.createDirectories(dir);
    Path temp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + TEMP_SUFFIX);
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    } catch (IOException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    forceDirectory(dir);
  }

  /**
   * The file's content, or empty when there is none. Temporary files that writers killed mid-write left behind (their
   * process is gone) are removed first.
   */
  public Optional<byte[]> read() throws IOException {
    removeAbandonedTemporaries();
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Renames the (unusable) file to {@code <name>.corrupt-<UTC timestamp>} beside it; returns the new path. */
  public Path keepAside() throws IOException {
    Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(Instant.now()));
    Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
    forceDirectory(file.getParent());
    return aside;
  }

  private void removeAbandonedTemporaries() throws IOException {
    Path dir = file.getParent();
    if (!Files.isDirectory(dir)) {
      return;
    }
    String prefix = "." + file.getFileName() + ".";
    try (DirectoryStream<Path> temporaries = Files.newDirectoryStream(dir, entry -> {
      String name = entry.getFileName().toString();
      return name.startsWith(prefix) && name.endsWith(TEMP_SUFFIX);
    })) {
      for (Path temp : temporaries) {
        if (abandoned(temp.getFileName().toString(), prefix)) {
          Files.deleteIfExists(temp);
        }
      }
    }
  }

  /** Whether the writer whose pid the temporary file's name carries is gone (a live writer may still rename it). */
  private static boolean abandoned(String name, String prefix) {
    try {
      long pid = Long.parseLong(name.substring(prefix.length(), name.length() - TEMP_SUFFIX.length()));
      return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Makes a rename durable; some platforms (Windows) cannot open a directory, where this is a no-op. */
  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // not supported here: the rename itself is still atomic
    }
  }
}
