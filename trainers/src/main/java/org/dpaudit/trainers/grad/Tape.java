package org.dpaudit.trainers.grad;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * What a forward pass records for per-example gradients: for every layer with parameters, its input
 * activation and the zero "probe" added to its output.
 *
 * <p>After one backward pass of the summed loss, each probe's gradient holds every example's
 * output gradient {@code delta_i = dL_i/dz_i} at once; with the recorded inputs that is all a layer
 * needs for per-example norms and clipped sums. Probes are leaves created with {@code
 * requiresGradient}: DJL silently returns zeros for the gradient of a non-leaf array.
 */
public final class Tape {
  private final List<Entry> entries = new ArrayList<>();

  /** One layer's record. {@code extra} holds layer-specific values (e.g. normalised activations). */
  public static final class Entry {
    final DpLayer layer;
    final NDArray input;
    final NDArray probe;
    final NDArray extra;
    NDArray cachedPerExample;
    NDArray cachedUnfold;
    NDArray cachedBias;

    Entry(DpLayer layer, NDArray input, NDArray probe, NDArray extra) {
      this.layer = layer;
      this.input = input;
      this.probe = probe;
      this.extra = extra;
    }

    /** The layer. */
    public DpLayer layer() {
      return layer;
    }

    /** The per-example output gradients (valid after the backward pass). */
    public NDArray delta() {
      return probe.getGradient();
    }
  }

  /** Adds a zero probe to {@code output} and records the layer's input; returns the probed output. */
  NDArray probe(DpLayer layer, NDArray input, NDArray output, NDArray extra) {
    NDArray probe = output.getManager().zeros(output.getShape(), output.getDataType());
    probe.setRequiresGradient(true);
    // Detached views: the per-example arithmetic after the backward pass must not build a graph.
    entries.add(new Entry(layer, input.stopGradient(), probe, extra == null ? null : extra.stopGradient()));
    return output.add(probe);
  }

  /** The records, in forward order. */
  public List<Entry> entries() {
    return entries;
  }
}
