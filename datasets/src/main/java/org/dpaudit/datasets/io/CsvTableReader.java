package org.dpaudit.datasets.io;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.dpaudit.core.io.InputFiles;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.datasets.Dataset;

/**
 * Reads a CSV table with a header row: numeric feature columns and one label column.
 *
 * <p>Labels may be non-negative integers (class ids) or any text (class names, numbered in sorted
 * order). Every feature cell must be a finite number: a blank, a word, NaN or an infinity stops the
 * read with a one-line message giving the file, line and column. A header that names a column twice
 * is refused (which of the two would be the feature?), as is anything but a regular file.
 */
public final class CsvTableReader {
  /** The label column used when none is named. */
  public static final String DEFAULT_LABEL_COLUMN = "label";

  private CsvTableReader() {}

  /** Reads {@code file}, taking labels from {@code labelColumn}. */
  public static Dataset read(String name, Path file, String labelColumn) {
    CSVFormat format = CSVFormat.DEFAULT.builder()
        .setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true).setTrim(true)
        .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW).get();
    InputFiles.requireRegular(file);
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(reader, format)) {
      List<String> header = parser.getHeaderNames();
      int labelIndex = header.indexOf(labelColumn);
      if (labelIndex < 0) {
        throw new InvalidInputException(file + ": no label column '" + labelColumn + "' (columns: "
            + String.join(", ", header) + "); name it with --label-column");
      }
      if (header.size() < 2) {
        throw new InvalidInputException(file + ": needs at least one feature column besides the label");
      }
      return toDataset(name, file, parser, header, labelIndex);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no such file");
    } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      throw new InvalidInputException(file + ": not a readable CSV table (" + e.getMessage() + ")");
    }
  }

  private static Dataset toDataset(String name, Path file, CSVParser parser, List<String> header, int labelIndex) {
    int d = header.size() - 1;
    List<float[]> rows = new ArrayList<>();
    List<String> rawLabels = new ArrayList<>();
    for (CSVRecord rec : parser) {
      if (rec.size() != header.size()) {
        throw new InvalidInputException(file + ": line " + (rec.getRecordNumber() + 1) + " has " + rec.size()
            + " cells, the header has " + header.size());
      }
      float[] row = new float[d];
      for (int c = 0, k = 0; c < header.size(); c++) {
        if (c == labelIndex) {
          continue;
        }
        row[k++] = parseCell(file, rec, header.get(c), rec.get(c));
      }
      rows.add(row);
      rawLabels.add(rec.get(labelIndex));
    }
    if (rows.isEmpty()) {
      throw new InvalidInputException(file + ": has a header but no rows");
    }
    List<String> classNames = classNames(rawLabels);
    int[] labels = new int[rows.size()];
    float[] features = new float[rows.size() * d];
    for (int i = 0; i < rows.size(); i++) {
      labels[i] = classNames.indexOf(rawLabels.get(i));
      System.arraycopy(rows.get(i), 0, features, i * d, d);
    }
    return new Dataset(name, features, labels, new int[] {d}, classNames);
  }

  private static float parseCell(Path file, CSVRecord rec, String column, String cell) {
    float v;
    try {
      v = Float.parseFloat(cell);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(file + ": line " + (rec.getRecordNumber() + 1) + ", column '" + column
          + "': '" + cell + "' is not a number");
    }
    if (!Float.isFinite(v)) {
      throw new InvalidInputException(file + ": line " + (rec.getRecordNumber() + 1) + ", column '" + column
          + "': '" + cell + "' is not finite");
    }
    return v;
  }

  /** Integer labels 0..max keep their ids; anything else is numbered in sorted order. */
  private static List<String> classNames(List<String> raw) {
    boolean integers = raw.stream().allMatch(s -> s.matches("\\d{1,6}"));
    if (integers) {
      int max = raw.stream().mapToInt(Integer::parseInt).max().orElse(0);
      List<String> names = new ArrayList<>();
      for (int i = 0; i <= max; i++) {
        names.add(Integer.toString(i));
      }
      // Canonicalise in place so "007" is class 7.
      raw.replaceAll(s -> Integer.toString(Integer.parseInt(s)));
      return names;
    }
    return List.copyOf(new TreeSet<>(raw));
  }
}
