package org.dpaudit.datasets;

import java.util.Arrays;
import java.util.List;
import org.dpaudit.core.provenance.ArtifactRef;

/**
 * What {@code dpaudit datasets info} prints: sizes, shape, classes, per-class counts, checksums.
 *
 * @param train the training partition's size and per-class counts
 * @param test the test partition's size and per-class counts
 */
public record DatasetSummary(
    String name,
    String source,
    List<Integer> exampleShape,
    List<String> classes,
    Partition train,
    Partition test,
    List<ArtifactRef> files) {

  /** One partition: its size and how many examples each class has (index = label). */
  public record Partition(int size, List<Integer> perClassCounts) {
    static Partition of(Dataset d) {
      return new Partition(d.size(), Arrays.stream(d.classCounts()).boxed().toList());
    }
  }

  /** The summary of a loaded dataset. */
  public static DatasetSummary of(LoadedDataset data) {
    return new DatasetSummary(
        data.card().name(),
        data.card().source(),
        data.card().exampleShape(),
        data.train().classNames(),
        Partition.of(data.train()),
        Partition.of(data.test()),
        data.card().files());
  }
}
