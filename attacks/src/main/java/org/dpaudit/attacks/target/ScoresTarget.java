package org.dpaudit.attacks.target;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dpaudit.attacks.mia.Confidence;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.datasets.Dataset;

/**
 * A target known only through its outputs on the challenge examples, for audits where the model
 * itself cannot be shared: a CSV with one row per example.
 *
 * <pre>
 * example,label,member,logit_0,...,logit_{K-1}     logits (or log-probabilities)
 * example,label,member,p_0,...,p_{K-1}             probabilities (logged here)
 * example,member,loss                              the cross-entropy -ln p_y only (label optional)
 * </pre>
 *
 * {@code example} identifies the example: its index in the dataset's training partition when the
 * import names a dataset, else any distinct non-negative integer below {@value #MAX_GENERIC_ID};
 * {@code member} is 1 or 0. Attacks that need the model on other inputs (shadow training, inversion)
 * are refused with a clear message; with only losses, so are attacks that need every class's score.
 */
public final class ScoresTarget implements Target {
  /** Example ids of a file imported without a dataset index an array of labels: keep it small. */
  public static final int MAX_GENERIC_ID = 5_000_000;

  private final Map<Integer, Row> rows;
  private final int classes;
  private final boolean lossOnly;
  private final String description;

  /** One example's row: membership, label (-1 when not given) and logits or its loss. */
  private record Row(boolean member, int label, float[] logits, double loss) {}

  private ScoresTarget(Map<Integer, Row> rows, int classes, boolean lossOnly, String description) {
    this.rows = rows;
    this.classes = classes;
    this.lossOnly = lossOnly;
    this.description = description;
  }

  /** Reads a scores CSV. */
  public static ScoresTarget read(Path file) {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
        .setCommentMarker('#').setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.DISALLOW).get();
    org.dpaudit.core.io.InputFiles.requireRegular(file);
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser p = CSVParser.parse(r, format)) {
      List<String> header = p.getHeaderNames();
      for (String required : List.of("example", "member")) {
        if (!header.contains(required)) {
          throw new InvalidInputException(file + ": no '" + required + "' column (columns: " + String.join(", ", header)
              + ")");
        }
      }
      OutputColumns cols = OutputColumns.of(file, header);
      Map<Integer, Row> rows = new TreeMap<>();
      for (CSVRecord rec : p) {
        if (rec.size() != header.size()) {
          throw new InvalidInputException(file + ": line " + (rec.getRecordNumber() + 1) + " has " + rec.size()
              + " cells, the header has " + header.size());
        }
        int id = intCell(file, rec, "example");
        int m = intCell(file, rec, "member");
        if (m != 0 && m != 1) {
          throw new InvalidInputException(file + ": line " + line(rec) + ": member must be 0 or 1");
        }
        int label = cols.hasLabel() ? intCell(file, rec, "label") : -1;
        if (label >= 0 && !cols.lossOnly() && label >= cols.classes()) {
          throw new InvalidInputException(file + ": line " + line(rec) + ": label " + label + " but only "
              + cols.classes() + " classes");
        }
        Row row = cols.lossOnly() ? new Row(m == 1, label, null, cols.loss(file, rec))
            : new Row(m == 1, label, cols.logits(file, rec), Double.NaN);
        if (rows.put(id, row) != null) {
          throw new InvalidInputException(file + ": example " + id + " appears twice");
        }
      }
      if (rows.isEmpty()) {
        throw new InvalidInputException(file + ": no rows");
      }
      return new ScoresTarget(rows, cols.lossOnly() ? 1 : cols.classes(), cols.lossOnly(),
          "scores file " + file.getFileName());
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no such file");
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      throw new InvalidInputException(file + ": not a readable scores CSV (" + e.getMessage() + ")");
    }
  }

  static long line(CSVRecord rec) {
    return rec.getRecordNumber() + 1;
  }

  static double number(Path file, CSVRecord rec, String column) {
    try {
      double v = Double.parseDouble(rec.get(column));
      if (!Double.isFinite(v)) {
        throw new NumberFormatException("not finite");
      }
      return v;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(file + ": line " + line(rec) + ", column '" + column + "': '"
          + rec.get(column) + "' is not a finite number");
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(file + ": line " + line(rec) + " has no '" + column + "' value");
    }
  }

  static int intCell(Path file, CSVRecord rec, String column) {
    double v = number(file, rec, column);
    if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE) {
      throw new InvalidInputException(file + ": line " + line(rec) + ", column '" + column
          + "' must be a non-negative integer; got " + rec.get(column));
    }
    return (int) v;
  }

  /** Whether the file gives only each example's loss (no per-class scores). */
  public boolean lossOnly() {
    return lossOnly;
  }

  /** Whether every row has a label. */
  public boolean hasLabels() {
    return rows.values().stream().allMatch(r -> r.label() >= 0);
  }

  /** The examples in the file that are members, ascending. */
  public int[] members() {
    return rows.entrySet().stream().filter(e -> e.getValue().member()).mapToInt(Map.Entry::getKey).toArray();
  }

  /** The examples in the file that are not members, ascending. */
  public int[] nonMembers() {
    return rows.entrySet().stream().filter(e -> !e.getValue().member()).mapToInt(Map.Entry::getKey).toArray();
  }

  /** The label the file gives for {@code example}, or -1. */
  public int label(int example) {
    return row(example).label();
  }

  /**
   * The examples of a file imported without a dataset, as a dataset of examples without features
   * (one constant value each) whose index is the example id (ids absent from the file get label 0 and are never asked for): what
   * the attacks index challenge examples and labels by.
   */
  public Dataset examples(String name) {
    int max = rows.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    if (max >= MAX_GENERIC_ID) {
      throw new InvalidInputException(description + ": example id " + max + " is too large for an import without "
          + "--dataset; number the examples 0 to " + (MAX_GENERIC_ID - 1));
    }
    int[] labels = new int[max + 1];
    rows.forEach((id, r) -> labels[id] = Math.max(0, r.label()));
    List<String> names = IntStream.range(0, classes).mapToObj(Integer::toString).toList();
    return new Dataset(name, new float[labels.length], labels, new int[] {1}, names); // one constant feature
  }

  private Row row(int example) {
    Row r = rows.get(example);
    if (r == null) {
      throw new InvalidInputException("the scores file has no row for example " + example + "; attacks that query "
          + "the model on other inputs need the model itself (import it with --torchscript or --onnx)");
    }
    return r;
  }

  @Override
  public float[] logits(Dataset data, int[] idx) {
    if (lossOnly) {
      throw new InvalidInputException(description + " gives only each example's loss; this attack needs every "
          + "class's score (logit_0.. or p_0.. columns)");
    }
    float[] out = new float[idx.length * classes];
    for (int i = 0; i < idx.length; i++) {
      System.arraycopy(row(idx[i]).logits(), 0, out, i * classes, classes);
    }
    return out;
  }

  @Override
  public double[] confidence(Dataset data, int[] idx) {
    if (!lossOnly) {
      return Target.super.confidence(data, idx);
    }
    double[] out = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = Confidence.fromLoss(row(idx[i]).loss());
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

  /** Which output columns a header has. */
  private record OutputColumns(boolean lossOnly, boolean probabilities, int classes, boolean hasLabel) {
    static OutputColumns of(Path file, List<String> header) {
      boolean hasLabel = header.contains("label");
      boolean probabilities = header.contains("p_0");
      String prefix = probabilities ? "p_" : "logit_";
      int k = 0;
      while (header.contains(prefix + k)) {
        k++;
      }
      if (k == 0 && header.contains("loss")) {
        return new OutputColumns(true, false, 1, hasLabel);
      }
      if (k < 2) {
        throw new InvalidInputException(file + ": needs logit_0..logit_{K-1} or p_0..p_{K-1} columns (K >= 2), or "
            + "one 'loss' column (columns: " + String.join(", ", header) + ")");
      }
      if (!hasLabel) {
        throw new InvalidInputException(file + ": no 'label' column; per-class scores need each example's label");
      }
      return new OutputColumns(false, probabilities, k, true);
    }

    float[] logits(Path file, CSVRecord rec) {
      float[] z = new float[classes];
      for (int c = 0; c < classes; c++) {
        String col = (probabilities ? "p_" : "logit_") + c;
        double v = number(file, rec, col);
        if (probabilities && !(v >= 0 && v <= 1)) {
          throw new InvalidInputException(file + ": line " + line(rec) + ": probability " + v + " outside [0, 1]");
        }
        z[c] = (float) (probabilities ? Math.log(Math.max(v, Double.MIN_NORMAL)) : v);
      }
      return z;
    }

    double loss(Path file, CSVRecord rec) {
      double v = number(file, rec, "loss");
      if (v < 0) {
        throw new InvalidInputException(file + ": line " + line(rec) + ": loss " + v + " is negative");
      }
      return v;
    }
  }
}
