package io.jasyncio.streams;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The file a Unix domain socket server binds: a stale one (left by a server that died) is removed
 * before binding, and the server's own is removed when it closes, as asyncio does. Only a socket
 * file is ever removed: a regular file, directory or link at that path is left alone (binding then
 * fails with "Address already in use").
 */
final class UnixSocketFiles {
  private UnixSocketFiles() {}

  static void removeSocket(Path path) {
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attributes.isOther()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UnsupportedOperationException e) {
      // Nothing there, or not ours to remove.
    }
  }
}
