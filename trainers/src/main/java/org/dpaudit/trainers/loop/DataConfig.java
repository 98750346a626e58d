package org.dpaudit.trainers.loop;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import org.dpaudit.datasets.DatasetRequest;
import org.dpaudit.datasets.split.SplitSpec;

/**
 * Which data a run trains on: the dataset and the membership split (the model trains on the split's
 * members only, so attacks later know exactly who is a member).
 *
 * @param path CIFAR-10 directory or CSV file; null for fetched datasets
 * @param validation true when the run measures its "test" accuracy on a validation split: examples of
 *     the training partition that are neither members, non-members nor in the attacker pool, so that
 *     hyperparameters chosen on it are chosen on data the final runs do not train on and the test set
 *     is never looked at; null (the default) for the dataset's test partition
 */
public record DataConfig(String dataset, String path, String labelColumn, SplitSpec split,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean validation) {
  public DataConfig {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(split, "split");
    validation = Boolean.TRUE.equals(validation) ? Boolean.TRUE : null;
  }

  /** A run measured on the dataset's test partition. */
  public DataConfig(String dataset, String path, String labelColumn, SplitSpec split) {
    this(dataset, path, labelColumn, split, null);
  }

  /** Whether the test examples are a validation split of the training partition. */
  public boolean onValidation() {
    return validation != null;
  }

  /** The dataset request for the loader. */
  public DatasetRequest request() {
    return new DatasetRequest(dataset, path == null ? null : java.nio.file.Path.of(path), labelColumn);
  }
}
