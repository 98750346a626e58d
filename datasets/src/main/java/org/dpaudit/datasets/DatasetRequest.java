package org.dpaudit.datasets;

import java.nio.file.Path;
import java.util.Objects;
import org.dpaudit.datasets.io.CsvTableReader;

/**
 * Which dataset to load: a name from the catalog ({@code mnist}, {@code fashion-mnist}), or
 * {@code cifar10} / {@code csv} with a path.
 *
 * @param path the CIFAR-10 batches directory or the CSV file; null for fetchable datasets
 * @param labelColumn the CSV label column
 */
public record DatasetRequest(String name, Path path, String labelColumn) {
  public DatasetRequest {
    Objects.requireNonNull(name, "name");
    labelColumn = labelColumn == null ? CsvTableReader.DEFAULT_LABEL_COLUMN : labelColumn;
  }

  /** A request for a dataset fetched by name. */
  public static DatasetRequest named(String name) {
    return new DatasetRequest(name, null, null);
  }
}
