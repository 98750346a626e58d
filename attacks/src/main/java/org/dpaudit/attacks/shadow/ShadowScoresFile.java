package org.dpaudit.attacks.shadow;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.io.AtomicFiles;

/**
 * One shadow model's scores as a self-contained CSV file: what {@code attack --shadow-scores DIR}
 * reads (one file per shadow model, every {@code *.csv} of the directory) and what dpaudit writes
 * for its own shadows under {@code runs/NAME/shadows/<attack>/}.
 *
 * <pre>
 * # dpaudit shadow scores 1          optional comment lines: format version,
 * # recipe 9f2c...                   the recipe fingerprint (dpaudit's own shadows: reuse is keyed on it),
 * # shadow 7                         and the shadow's number in its attack
 * example,label,in,logit_0,...,logit_{K-1}     or p_0..p_{K-1}, or a single loss column (label optional)
 * 1234,7,1,-2.31,...                           in: 1 if the example was in this model's training set
 * </pre>
 *
 * {@code example} uses the target run's ids (training-partition indices, or the ids of a scores file
 * imported without a dataset); every challenge example of the run must have a row. Written
 * atomically; logits with enough digits to read back the same float.
 */
public final class ShadowScoresFile {
  static final String FORMAT_LINE = "dpaudit shadow scores 1";

  private ShadowScoresFile() {}

  /** Writes {@code s} (logits or losses) to {@code file}, with its recipe and shadow number when known. */
  public static void write(Path file, ShadowScores s, Integer shadow) {
    int k = s.classes();
    StringBuilder b = new StringBuilder("# ").append(FORMAT_LINE).append('\n');
    if (s.recipe() != null) {
      b.append("# recipe ").append(s.recipe()).append('\n');
    }
    if (shadow != null) {
      b.append("# shadow ").append(shadow).append('\n');
    }
    int[] ex = s.examples();
    boolean[] in = s.inFlags();
    int[] labels = s.labelsOrNull();
    float[] z = s.logitsOrNull();
    double[] loss = s.lossesOrNull();
    b.append("example");
    if (labels != null) {
      b.append(",label");
    }
    b.append(",in");
    if (z != null) {
      for (int c = 0; c < k; c++) {
        b.append(",logit_").append(c);
      }
    } else {
      b.append(",loss");
    }
    b.append('\n');
    for (int i = 0; i < ex.length; i++) {
      b.append(ex[i]);
      if (labels != null) {
        b.append(',').append(labels[i]);
      }
      b.append(',').append(in[i] ? 1 : 0);
      if (z != null) {
        for (int c = 0; c < k; c++) {
          b.append(',').append(z[i * k + c]);
        }
      } else {
        b.append(',').append(loss[i]);
      }
      b.append('\n');
    }
    AtomicFiles.writeString(file, b.toString());
  }

  /** What a file's header comments say. */
  record Header(String recipe, Integer shadow) {}

  /** Reads a shadow scores file; any error names the file and ends in {@link InvalidInputException}. */
  public static ShadowScores read(Path file) {
    return parse(file).scores();
  }

  /** The scores with the header's shadow number. */
  record Parsed(ShadowScores scores, Header header) {}

  static Parsed parse(Path file) {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
        .setCommentMarker('#').get();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser p = CSVParser.parse(r, format)) {
      Header header = header(p.getHeaderComment());
      List<String> cols = p.getHeaderNames();
      for (String required : List.of("example", "in")) {
        if (!cols.contains(required)) {
          throw new InvalidInputException(file + ": no '" + required + "' column (columns: " + String.join(", ", cols)
              + "); shadow scores need example,in and logit_0.., p_0.. or loss");
        }
      }
      boolean probabilities = cols.contains("p_0");
      String prefix = probabilities ? "p_" : "logit_";
      int k = 0;
      while (cols.contains(prefix + k)) {
        k++;
      }
      boolean lossOnly = k == 0 && cols.contains("loss");
      if (!lossOnly && k < 2) {
        throw new InvalidInputException(file + ": needs logit_0..logit_{K-1} or p_0..p_{K-1} columns (K >= 2), or one "
            + "'loss' column");
      }
      boolean hasLabel = cols.contains("label");
      if (!lossOnly && !hasLabel) {
        throw new InvalidInputException(file + ": no 'label' column; per-class scores need each example's label");
      }
      List<CSVRecord> records = p.getRecords();
      int n = records.size();
      if (n == 0) {
        throw new InvalidInputException(file + ": no rows");
      }
      int[] ex = new int[n];
      boolean[] in = new boolean[n];
      int[] labels = hasLabel ? new int[n] : null;
      float[] z = lossOnly ? null : new float[n * k];
      double[] loss = lossOnly ? new double[n] : null;
      for (int i = 0; i < n; i++) {
        CSVRecord rec = records.get(i);
        ex[i] = nonNegativeInt(file, rec, "example");
        int flag = nonNegativeInt(file, rec, "in");
        if (flag > 1) {
          throw new InvalidInputException(file + ": line " + line(rec) + ": in must be 0 or 1");
        }
        in[i] = flag == 1;
        if (hasLabel) {
          labels[i] = nonNegativeInt(file, rec, "label");
          if (!lossOnly && labels[i] >= k) {
            throw new InvalidInputException(file + ": line " + line(rec) + ": label " + labels[i] + " but only " + k
                + " classes");
          }
        }
        if (lossOnly) {
          loss[i] = number(file, rec, "loss");
          if (loss[i] < 0) {
            throw new InvalidInputException(file + ": line " + line(rec) + ": loss " + loss[i] + " is negative");
          }
        } else {
          for (int c = 0; c < k; c++) {
            double v = number(file, rec, prefix + c);
            if (probabilities && !(v >= 0 && v <= 1)) {
              throw new InvalidInputException(file + ": line " + line(rec) + ": probability " + v + " outside [0, 1]");
            }
            z[i * k + c] = (float) (probabilities ? Math.log(Math.max(v, Double.MIN_NORMAL)) : v);
          }
        }
      }
      String name = file.getFileName().toString();
      return new Parsed(new ShadowScores(name, header.recipe(), ex, in, labels, z, loss, lossOnly ? 1 : k), header);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no such file");
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      throw new InvalidInputException(file + ": not a readable shadow scores CSV (" + e.getMessage() + ")");
    }
  }

  /** Every {@code *.csv} in {@code dir}, in name order: the shadow scores a user gives. */
  public static List<ShadowScores> readAll(Path dir) {
    List<ShadowScores> out = new ArrayList<>();
    for (Path f : files(dir)) {
      out.add(read(f));
    }
    return out;
  }

  /** The {@code *.csv} files of {@code dir}, in name order (at least one). */
  public static List<Path> files(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException(dir + ": not a directory (--shadow-scores takes a directory with one CSV file "
          + "per shadow model)");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(f -> f.getFileName().toString().endsWith(".csv") && Files.isRegularFile(f)).sorted().toList();
    } catch (IOException e) {
      throw new InvalidInputException(dir + ": cannot list (" + e.getMessage() + ")");
    }
    if (files.isEmpty()) {
      throw new InvalidInputException(dir + ": no .csv files (one per shadow model expected)");
    }
    return files;
  }

  private static Header header(String comment) {
    String recipe = null;
    Integer shadow = null;
    if (comment != null) {
      for (String l : comment.split("\\R")) {
        String t = l.strip();
        if (t.startsWith("recipe ")) {
          recipe = t.substring("recipe ".length()).strip();
        } else if (t.startsWith("shadow ")) {
          try {
            shadow = Integer.parseInt(t.substring("shadow ".length()).strip());
          } catch (NumberFormatException ignored) {
            // a comment, not ours
          }
        }
      }
    }
    return new Header(recipe, shadow);
  }

  private static long line(CSVRecord rec) {
    return rec.getRecordNumber() + 1;
  }

  private static double number(Path file, CSVRecord rec, String column) {
    String cell;
    try {
      cell = rec.get(column);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(file + ": line " + line(rec) + " has no '" + column + "' value");
    }
    try {
      double v = Double.parseDouble(cell);
      if (!Double.isFinite(v)) {
        throw new NumberFormatException("not finite");
      }
      return v;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(file + ": line " + line(rec) + ", column '" + column + "': '" + cell
          + "' is not a finite number");
    }
  }

  private static int nonNegativeInt(Path file, CSVRecord rec, String column) {
    double v = number(file, rec, column);
    if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE) {
      throw new InvalidInputException(file + ": line " + line(rec) + ", column '" + column
          + "' must be a non-negative integer; got " + rec.get(column));
    }
    return (int) v;
  }
}
