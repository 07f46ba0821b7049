package io.herald.ingest;

/**
 * The E.164 numbers already taken in one job, to drop duplicates. Numbers are kept as longs in an
 * open-addressing table (a million of them in about 16 MB) rather than as strings.
 */
final class SeenNumbers {
  private long[] slots = new long[1024];
  private int size;

  /** True when the number was not seen before (and now is). */
  boolean add(String e164) {
    long key = Long.parseLong(e164.substring(1)) + 1; // 0 marks an empty slot
    if (size * 2 >= slots.length) {
      grow();
    }
    int mask = slots.length - 1;
    int i = Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
    while (slots[i] != 0) {
      if (slots[i] == key) {
        return false;
      }
      i = (i + 1) & mask;
    }
    slots[i] = key;
    size++;
    return true;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    size = 0;
    int mask = slots.length - 1;
    for (long key : old) {
      if (key != 0) {
        int i = Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask;
        while (slots[i] != 0) {
          i = (i + 1) & mask;
        }
        slots[i] = key;
        size++;
      }
    }
  }
}
