package io.jasyncio.streams;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes a {@link StreamReader} holds: a growable array read from the front and filled at the
 * back (Python's {@code bytearray} with {@code del buf[:n]}). Taking from the front only moves an
 * offset; the array is compacted when it must grow, and a large one is dropped once emptied so an
 * idle connection does not keep a burst's memory.
 */
final class ReceiveBuffer {
  private static final byte[] EMPTY = new byte[0];
  private static final int KEEP_WHEN_EMPTY = 64 * 1024;

  private byte[] data = EMPTY;
  private int start;
  private int end;

  int size() {
    return end - start;
  }

  void append(ByteBuffer source) {
    int n = source.remaining();
    reserve(n);
    source.get(data, end, n);
    end += n;
  }

  void append(byte[] source, int offset, int length) {
    reserve(length);
    System.arraycopy(source, offset, data, end, length);
    end += length;
  }

  /** The first index, counted from the front, at or after {@code from} where {@code pattern} starts. */
  int indexOf(byte[] pattern, int from) {
    byte first = pattern[0];
    int last = end - pattern.length;
    outer:
    for (int i = start + Math.max(0, from); i <= last; i++) {
      if (data[i] != first) {
        continue;
      }
      for (int j = 1; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i - start;
    }
    return -1;
  }

  /** Whether {@code pattern} occurs at {@code offset} from the front. */
  boolean startsWith(byte[] pattern, int offset) {
    if (offset < 0 || offset + pattern.length > size()) {
      return false;
    }
    return Arrays.equals(
        data, start + offset, start + offset + pattern.length, pattern, 0, pattern.length);
  }

  /** Removes and returns the first {@code n} bytes ({@code n <= size()}). */
  byte[] take(int n) {
    byte[] out = Arrays.copyOfRange(data, start, start + n);
    discard(n);
    return out;
  }

  void discard(int n) {
    start += n;
    if (start == end) {
      clear();
    }
  }

  void clear() {
    start = 0;
    end = 0;
    if (data.length > KEEP_WHEN_EMPTY) {
      data = EMPTY;
    }
  }

  private void reserve(int n) {
    if (data.length - end >= n) {
      return;
    }
    int size = size();
    if (size + n <= data.length && start >= size) {
      System.arraycopy(data, start, data, 0, size); // plenty of room at the front: slide
    } else {
      int capacity = Math.max(size + n, Math.max(256, data.length * 2));
      byte[] grown = new byte[capacity];
      System.arraycopy(data, start, grown, 0, size);
      data = grown;
    }
    start = 0;
    end = size;
  }
}
