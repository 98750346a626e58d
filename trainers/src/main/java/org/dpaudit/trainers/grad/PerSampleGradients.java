package org.dpaudit.trainers.grad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;

/**
 * Every example's gradient, held implicitly: the tape of one forward and one backward pass, from
 * which each layer gives per-example norms (total or per layer, L2 or L1) and coefficient-weighted
 * sums, the two things any clipping scheme needs. Nothing of size (B x parameters) is ever built
 * for dense layers.
 *
 * <p>The test oracle for this class is a loop over examples with batch size 1 (Opacus'
 * {@code check_per_sample_gradients_are_correct}); the two agree to 1e-5.
 */
public final class PerSampleGradients {
  private final Tape tape;
  private final NDArray losses;
  private final NDArray logits;
  private final int batchSize;

  PerSampleGradients(Tape tape, NDArray losses, NDArray logits) {
    this.tape = tape;
    this.losses = losses;
    this.logits = logits;
    this.batchSize = Math.toIntExact(losses.getShape().get(0));
  }

  /** The number of examples. */
  public int batchSize() {
    return batchSize;
  }

  /** Per-example losses (B), detached. */
  public NDArray losses() {
    return losses;
  }

  /** Logits (B, K), detached. */
  public NDArray logits() {
    return logits;
  }

  /** The number of layers with parameters. */
  public int layerCount() {
    return tape.entries().size();
  }

  /** Per-example squared L2 norms of layer {@code layer}'s gradients (B). */
  public NDArray layerSquaredNorms(int layer) {
    Tape.Entry e = tape.entries().get(layer);
    return e.layer().squaredNorms(e);
  }

  /** Per-example L2 norms of the whole gradient (B). */
  public NDArray norms() {
    NDArray total = layerSquaredNorms(0);
    for (int l = 1; l < layerCount(); l++) {
      total = total.add(layerSquaredNorms(l));
    }
    return total.sqrt();
  }

  /** Per-example L1 norms of layer {@code layer}'s gradients (B). */
  public NDArray layerL1Norms(int layer) {
    Tape.Entry e = tape.entries().get(layer);
    return e.layer().l1Norms(e);
  }

  /** Per-example L1 norms of the whole gradient (B). */
  public NDArray l1Norms() {
    NDArray total = layerL1Norms(0);
    for (int l = 1; l < layerCount(); l++) {
      total = total.add(layerL1Norms(l));
    }
    return total;
  }

  /** {@code sum_i c_i g_i} for every parameter of layer {@code layer}. */
  public NDList layerWeightedSum(int layer, NDArray coefficients) {
    Tape.Entry e = tape.entries().get(layer);
    return e.layer().weightedSum(e, coefficients);
  }

  /** {@code sum_i c_i g_i} for every parameter of the network, in parameter order. */
  public NDList weightedSum(NDArray coefficients) {
    List<NDArray> out = new ArrayList<>();
    for (int l = 0; l < layerCount(); l++) {
      out.addAll(layerWeightedSum(l, coefficients));
    }
    return new NDList(out);
  }
}
