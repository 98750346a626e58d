package org.dpaudit.trainers.loop;

import java.util.Objects;
import org.dpaudit.datasets.DatasetRequest;
import org.dpaudit.datasets.split.SplitSpec;

/**
 * Which data a run trains on: the dataset and the membership split (the model trains on the split's
 * members only, so attacks later know exactly who is a member).
 *
 * @param path CIFAR-10 directory or CSV file; null for fetched datasets
 */
public record DataConfig(String dataset, String path, String labelColumn, SplitSpec split) {
  public DataConfig {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(split, "split");
  }

  /** The dataset request for the loader. */
  public DatasetRequest request() {
    return new DatasetRequest(dataset, path == null ? null : java.nio.file.Path.of(path), labelColumn);
  }
}
