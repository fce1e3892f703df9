package io.jasyncio;

/** The position of a for-each loop over an array, kept across await points of generated code. */
final class ArrayCursor {
  private final Object array;
  private final int length;
  private int index;

  ArrayCursor(Object array, int length) {
    this.array = array;
    this.length = length;
  }

  boolean hasNext() {
    return index < length;
  }

  Object next() {
    return ((Object[]) array)[index++];
  }

  boolean nextBoolean() {
    return ((boolean[]) array)[index++];
  }

  byte nextByte() {
    return ((byte[]) array)[index++];
  }

  short nextShort() {
    return ((short[]) array)[index++];
  }

  char nextChar() {
    return ((char[]) array)[index++];
  }

  int nextInt() {
    return ((int[]) array)[index++];
  }

  long nextLong() {
    return ((long[]) array)[index++];
  }

  float nextFloat() {
    return ((float[]) array)[index++];
  }

  double nextDouble() {
    return ((double[]) array)[index++];
  }
}
