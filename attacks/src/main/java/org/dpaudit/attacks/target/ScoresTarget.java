package org.dpaudit.attacks.target;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.datasets.Dataset;

/**
 * A target known only through its predictions on the challenge examples, for audits where the
 * model itself cannot be shared: a CSV with one row per example.
 *
 * <pre>
 * example,label,member,logit_0,...,logit_{K-1}     (or p_0,...,p_{K-1}: probabilities, logged here)
 * </pre>
 *
 * {@code example} is the index in the dataset's training partition, {@code member} 1 or 0.
 * Attacks that need the model on other inputs (shadow-based attacks need only the challenge rows;
 * inversion needs the model) are refused with a clear message.
 */
public final class ScoresTarget implements Target {
  private final Map<Integer, float[]> rows;
  private final Map<Integer, Boolean> membership;
  private final Map<Integer, Integer> labels;
  private final int classes;
  private final String description;

  private ScoresTarget(Map<Integer, float[]> rows, Map<Integer, Boolean> membership, Map<Integer, Integer> labels,
      int classes, String description) {
    this.rows = rows;
    this.membership = membership;
    this.labels = labels;
    this.classes = classes;
    this.description = description;
  }

  /** Reads a scores CSV. */
  public static ScoresTarget read(Path file) {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
        .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.DISALLOW).get();
    org.dpaudit.core.io.InputFiles.requireRegular(file);
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser p = CSVParser.parse(r, format)) {
      List<String> header = p.getHeaderNames();
      for (String required : List.of("example", "label", "member")) {
        if (!header.contains(required)) {
          throw new InvalidInputException(file + ": no '" + required + "' column (columns: " + String.join(", ", header)
              + ")");
        }
      }
      boolean probabilities = header.contains("p_0");
      String prefix = probabilities ? "p_" : "logit_";
      int k = 0;
      while (header.contains(prefix + k)) {
        k++;
      }
      if (k < 2) {
        throw new InvalidInputException(file + ": needs logit_0..logit_{K-1} or p_0..p_{K-1} columns, K >= 2");
      }
      Map<Integer, float[]> rows = new HashMap<>();
      Map<Integer, Boolean> member = new HashMap<>();
      Map<Integer, Integer> labels = new HashMap<>();
      for (CSVRecord rec : p) {
        if (rec.size() != header.size()) {
          throw new InvalidInputException(file + ": line " + (rec.getRecordNumber() + 1) + " has " + rec.size()
              + " cells, the header has " + header.size());
        }
        int id = intCell(file, rec, "example");
        float[] z = new float[k];
        for (int c = 0; c < k; c++) {
          double v = number(file, rec, prefix + c);
          if (probabilities && !(v >= 0 && v <= 1)) {
            throw new InvalidInputException(file + ": line " + (rec.getRecordNumber() + 1) + ": probability " + v
                + " outside [0, 1]");
          }
          z[c] = (float) (probabilities ? Math.log(Math.max(v, Double.MIN_NORMAL)) : v);
        }
        int m = intCell(file, rec, "member");
        if (m != 0 && m != 1) {
          throw new InvalidInputException(file + ": line " + (rec.getRecordNumber() + 1) + ": member must be 0 or 1");
        }
        if (rows.put(id, z) != null) {
          throw new InvalidInputException(file + ": example " + id + " appears twice");
        }
        member.put(id, m == 1);
        labels.put(id, intCell(file, rec, "label"));
      }
      return new ScoresTarget(rows, member, labels, k, "scores file " + file.getFileName());
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no such file");
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      throw new InvalidInputException(file + ": not a readable scores CSV (" + e.getMessage() + ")");
    }
  }

  private static double number(Path file, CSVRecord rec, String column) {
    try {
      double v = Double.parseDouble(rec.get(column));
      if (!Double.isFinite(v)) {
        throw new NumberFormatException("not finite");
      }
      return v;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(file + ": line " + (rec.getRecordNumber() + 1) + ", column '" + column + "': '"
          + rec.get(column) + "' is not a finite number");
    }
  }

  private static int intCell(Path file, CSVRecord rec, String column) {
    double v = number(file, rec, column);
    if (v != Math.rint(v) || v < 0) {
      throw new InvalidInputException(file + ": line " + (rec.getRecordNumber() + 1) + ", column '" + column
          + "' must be a non-negative integer; got " + rec.get(column));
    }
    return (int) v;
  }

  /** The examples in the file that are members. */
  public int[] members() {
    return rows.keySet().stream().filter(membership::get).mapToInt(Integer::intValue).sorted().toArray();
  }

  /** The examples in the file that are not members. */
  public int[] nonMembers() {
    return rows.keySet().stream().filter(i -> !membership.get(i)).mapToInt(Integer::intValue).sorted().toArray();
  }

  /** The label the file gives for {@code example}. */
  public int label(int example) {
    return labels.get(example);
  }

  @Override
  public float[] logits(Dataset data, int[] idx) {
    float[] out = new float[idx.length * classes];
    for (int i = 0; i < idx.length; i++) {
      float[] z = rows.get(idx[i]);
      if (z == null) {
        throw new InvalidInputException("the scores file has no row for example " + idx[i] + "; attacks that query "
            + "the model on other inputs need the model itself (import it with --torchscript)");
      }
      System.arraycopy(z, 0, out, i * classes, classes);
    }
    return out;
  }

  @Override
  public int numClasses() {
    return classes;
  }

  @Override
  public String describe() {
    return description;
  }
}
