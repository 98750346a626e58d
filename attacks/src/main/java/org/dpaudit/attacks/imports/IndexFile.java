package org.dpaudit.attacks.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dpaudit.core.InvalidInputException;

/** Reads a file of training-partition indices, one per line (blank lines and {@code #} comments allowed). */
public final class IndexFile {
  private IndexFile() {}

  /** The sorted, distinct indices in {@code file}, each in [0, size). */
  public static int[] read(Path file, int size) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no such file");
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")");
    }
    int[] out = new int[lines.size()];
    int n = 0;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int v;
      try {
        v = Integer.parseInt(l);
      } catch (NumberFormatException e) {
        throw new InvalidInputException(file + ": line " + (i + 1) + ": '" + l + "' is not an index");
      }
      if (v < 0 || v >= size) {
        throw new InvalidInputException(file + ": line " + (i + 1) + ": index " + v + " is outside the training "
            + "partition [0, " + (size - 1) + "]");
      }
      out[n++] = v;
    }
    int[] sorted = Arrays.copyOf(out, n);
    Arrays.sort(sorted);
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] == sorted[i - 1]) {
        throw new InvalidInputException(file + ": index " + sorted[i] + " appears twice");
      }
    }
    if (sorted.length == 0) {
      throw new InvalidInputException(file + ": no indices");
    }
    return sorted;
  }
}
