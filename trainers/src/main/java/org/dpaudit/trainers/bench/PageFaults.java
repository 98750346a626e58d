package org.dpaudit.trainers.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;

/**
 * The process's minor page faults so far, as Linux counts them ({@code /proc/self/stat}).
 *
 * <p>Why a benchmark counts them: memory the allocator hands back to the system is faulted in page
 * by page when it is used again, and a step that does so every time is slower by milliseconds
 * while its arithmetic is unchanged. That happened in about two processes in five until the
 * launcher kept glibc's thread heaps (its {@code GLIBC_TUNABLES}): the CNN's DP step ran at one of
 * two speeds, a run's luck. A count of faults per step tells the two apart at a glance.
 */
final class PageFaults {
  private static final byte[] LINE = new byte[1024];
  private static RandomAccessFile stat;
  private static boolean unavailable;

  private PageFaults() {}

  /**
   * Minor faults of this process so far, or -1 where the system does not say (not Linux). The file
   * is opened once (one descriptor, kept for the process's life) and read into one array: reading
   * it the usual way ({@code Files.readString}) took a native buffer from the calling thread's heap,
   * and that alone changed where the step's own buffers landed and whether the effect being
   * counted happened at all.
   */
  static synchronized long minor() {
    if (unavailable) {
      return -1;
    }
    try {
      if (stat == null) {
        stat = new RandomAccessFile("/proc/self/stat", "r");
      }
      stat.seek(0);
      int length = 0;
      for (int n; length < LINE.length && (n = stat.read(LINE, length, LINE.length - length)) > 0; ) {
        length += n;
      }
      return parseMinor(new String(LINE, 0, length, StandardCharsets.US_ASCII));
    } catch (IOException | RuntimeException e) {
      unavailable = true;
      return -1;
    }
  }

  /**
   * The tenth field of a {@code /proc/<pid>/stat} line. The second field (the command's name, in
   * parentheses) may itself hold spaces and parentheses, so fields are counted after the last ')'.
   */
  static long parseMinor(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a /proc stat line: " + stat);
    }
    String[] rest = stat.substring(close + 1).trim().split("\\s+");
    // rest[0] is field 3 (state); minflt is field 10.
    return Long.parseLong(rest[10 - 3]);
  }
}
