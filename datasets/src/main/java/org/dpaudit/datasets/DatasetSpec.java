package org.dpaudit.datasets;

import java.util.List;
import org.dpaudit.datasets.fetch.FileSource;
import org.dpaudit.datasets.fetch.PinnedFile;

/**
 * A dataset dpaudit can fetch by name: its pinned IDX files, where they come from, and its classes.
 *
 * @param source the canonical source recorded in dataset cards (the data is identical, checksum for
 *     checksum, whichever source delivered it)
 * @param sources where to fetch from, tried in order
 */
public record DatasetSpec(
    String name,
    String source,
    PinnedFile trainImages,
    PinnedFile trainLabels,
    PinnedFile testImages,
    PinnedFile testLabels,
    int[] imageShape,
    List<String> classNames,
    List<FileSource> sources) {

  /** The four pinned files. */
  public List<PinnedFile> files() {
    return List.of(trainImages, trainLabels, testImages, testLabels);
  }
}
