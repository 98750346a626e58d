package org.dpaudit.trainers.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.List;
import org.dpaudit.trainers.nn.ArrayValues;

/**
 * An exponential moving average of the parameters over the training steps (Polyak-Ruppert
 * averaging with exponential weights, as De et al. 2022 use for DP image classification), the
 * model a run evaluates and releases when it is asked for.
 *
 * <p>Why: under DP-SGD the last iterates wobble with the noise of the last steps, so a single run's
 * final accuracy moves by tenths of a point from run to run; the average of the recent iterates
 * smooths that wobble. It is computed from the released (noisy) iterates only, so it is
 * post-processing: it costs no privacy and the accountant is unchanged.
 *
 * <p>The decay of update {@code t} (counting from 1) is {@code min(decay, (1 + t) / (10 + t))}, the
 * warm-up of TensorFlow's {@code ExponentialMovingAverage} with {@code num_updates}, so the average
 * forgets the random initialisation within the first few dozen steps. The averages live on the
 * parameters' device and are checkpointed with the optimizer's state.
 */
public final class ParameterAverage {
  private final double decay;
  private final List<NDArray> average = new ArrayList<>();
  private long updates;

  /**
   * @param decay the long-run decay, in (0, 1): the average spans about {@code 1 / (1 - decay)} steps
   * @param initial the parameters before the first step (copied)
   */
  public ParameterAverage(double decay, List<NDArray> initial, NDManager manager) {
    if (!(decay > 0 && decay < 1)) {
      throw new IllegalArgumentException("the averaging decay must be in (0, 1); got " + decay);
    }
    this.decay = decay;
    for (NDArray p : initial) {
      NDArray a = manager.zeros(p.getShape(), p.getDataType());
      ArrayValues.copyInto(a, p);
      average.add(a);
    }
  }

  /** The decay used at update {@code t} (from 1): the warm-up, then {@code decay}. */
  public double decayAt(long t) {
    return Math.min(decay, (1.0 + t) / (10.0 + t));
  }

  /** Folds the parameters after a step into the average. */
  public void update(List<NDArray> params) {
    updates++;
    double d = decayAt(updates);
    try (NDScope scope = new NDScope()) {
      for (int i = 0; i < params.size(); i++) {
        average.get(i).muli(d).addi(params.get(i).mul(1 - d));
      }
    }
  }

  /** The averaged arrays, in the parameters' order (not copies: do not modify). */
  public List<NDArray> arrays() {
    return List.copyOf(average);
  }

  /** Copies the average into {@code targets} (the parameters' arrays, or a replica's). */
  public void copyInto(List<NDArray> targets) {
    for (int i = 0; i < targets.size(); i++) {
      ArrayValues.copyInto(targets.get(i), average.get(i));
    }
  }

  /** The number of updates folded in. */
  public long updates() {
    return updates;
  }

  /** The state to checkpoint: the averaged arrays. */
  public NDList state() {
    return new NDList(average);
  }

  /** Restores state written by {@link #state()} after {@code updatesSoFar} updates. */
  public void restore(List<NDArray> state, long updatesSoFar) {
    if (state.size() != average.size()) {
      throw new IllegalArgumentException("parameter average has " + state.size() + " arrays, expected " + average.size());
    }
    for (int i = 0; i < average.size(); i++) {
      ArrayValues.copyInto(average.get(i), state.get(i).toFloatArray());
    }
    this.updates = updatesSoFar;
  }
}
