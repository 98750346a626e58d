package org.dpaudit.trainers.schemes.enadpp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps the output layer's relevance and ratios of a run's first and latest step (a few dozen
 * numbers, copied each step), for {@link BudgetRatioTrace}.
 */
final class RatioTrace {
  private double[] relevance;
  private BudgetRatioTrace.Snapshot first;
  private BudgetRatioTrace.Snapshot last;
  private int layer;

  /** The relevance the next ratios are made from (every layer's; the last is kept). */
  void relevance(double[][] layers) {
    relevance = layers[layers.length - 1].clone();
  }

  /** The ratios step {@code step} used (every layer's; the last is kept). */
  void record(long step, double[][] ratios) {
    layer = ratios.length - 1;
    double[] r = ratios[layer];
    List<Double> rel = relevance != null && relevance.length == r.length ? box(relevance)
        : java.util.Collections.nCopies(r.length, Double.NaN);
    BudgetRatioTrace.Snapshot s = new BudgetRatioTrace.Snapshot(step, rel, box(r));
    if (first == null) {
      first = s;
    } else {
      last = s;
    }
  }

  /** The trace of {@code scheme}'s steps so far, or null when no step ran. */
  BudgetRatioTrace trace(String scheme) {
    if (first == null) {
      return null;
    }
    List<BudgetRatioTrace.Snapshot> s = new ArrayList<>(List.of(first));
    if (last != null) {
      s.add(last);
    }
    return new BudgetRatioTrace(BudgetRatioTrace.SCHEMA_VERSION, BudgetRatioTrace.KIND, scheme, layer, s,
        "per-neuron relevance and budget ratios of the run's steps, recorded for seed 000's Figure 1; for schemes "
            + "whose relevance comes from the batch (as published) they are statistics of the private members, "
            + "computed without noise and covered by no privacy guarantee: not part of the model's release");
  }

  private static List<Double> box(double[] xs) {
    return Arrays.stream(xs).boxed().toList();
  }
}
