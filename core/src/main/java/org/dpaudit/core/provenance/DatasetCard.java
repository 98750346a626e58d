package org.dpaudit.core.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import org.dpaudit.core.Checks;

/**
 * What data an artifact was made from: the dataset's name, where it came from, each file's
 * SHA-256, its sizes and shape, and (once split) the member / non-member / attacker-pool / test
 * split and its seed. The card travels into every artifact, so a report can always say which data
 * it shows and a split can be rebuilt exactly.
 *
 * @param name the dataset name, e.g. {@code mnist}
 * @param source where the files came from (a package name and version, or a path)
 * @param files every file read, with its SHA-256
 * @param trainSize examples in the training partition
 * @param testSize examples in the test partition
 * @param exampleShape the shape of one example, e.g. {@code [1, 28, 28]}
 * @param numClasses the number of classes
 * @param split the membership split, or null when none was made
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetCard(
    String name,
    String source,
    List<ArtifactRef> files,
    int trainSize,
    int testSize,
    List<Integer> exampleShape,
    int numClasses,
    SplitRecord split) {

  public DatasetCard {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    files = List.copyOf(files);
    exampleShape = List.copyOf(exampleShape);
    Checks.nonNegative("trainSize", trainSize);
    Checks.nonNegative("testSize", testSize);
    Checks.positive("numClasses", numClasses);
  }

  /** This card with {@code split} recorded. */
  public DatasetCard withSplit(SplitRecord split) {
    return new DatasetCard(name, source, files, trainSize, testSize, exampleShape, numClasses, split);
  }
}
