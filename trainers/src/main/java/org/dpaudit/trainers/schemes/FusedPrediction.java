package org.dpaudit.trainers.schemes;

import java.util.List;

/**
 * A scheme whose predictions fuse several of the run's own models (ICGC-DP's adaptive weighted
 * fusion): it keeps the parameters of earlier models, and the run reports the fused model's
 * accuracy beside the final model's. Fusion is post-processing of released models, so it changes
 * no privacy number.
 */
public interface FusedPrediction {
  /**
   * The earlier models to fuse with the final one, oldest first, each as one float array per
   * parameter (in parameter order); empty when fusion is off.
   */
  List<List<float[]>> snapshots();
}
