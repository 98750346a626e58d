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
  private final boolean historyFree;

  /** A tape for a forward pass whose first probed output may have autograd history. */
  Tape() {
    this(false);
  }

  /**
   * @param historyFree whether nothing before the first layer with parameters requires a gradient
   *     (the network's input is detached, the parameters do not require gradients and the layers
   *     before it have none): that layer's output is then a leaf and is made its own probe
   */
  Tape(boolean historyFree) {
    this.historyFree = historyFree;
  }

  /** One layer's record. {@code extra} holds layer-specific values (e.g. normalised activations). */
  public static final class Entry {
    final DpLayer layer;
    final NDArray input;
    final NDArray probe;
    final NDArray extra;
    /** The input rows' float64 sums of squares, taken in the forward pass (a dense layer), or null. */
    double[] inputSquares;
    NDArray cachedPerExample;
    NDArray cachedUnfold;
    NDArray cachedBias;
    NDArray cachedSquaredNorms;

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

  /**
   * Adds a zero probe to {@code output} and records the layer's input; returns the probed output.
   * When the tape is history-free, the first layer's output is already a leaf (nothing it was
   * computed from requires a gradient), so it is made its own probe: its gradient is the same
   * {@code delta}, without the zero array and the addition (for the MNIST CNN's first convolution,
   * 3.2 MB written and 6.4 MB read a step). DJL cannot tell a leaf from a result here: on the
   * PyTorch engine {@code hasGradient} reports false for results of operations on arrays that
   * require gradients too, and asking for a leaf's gradient function aborts the JVM.
   */
  NDArray probe(DpLayer layer, NDArray input, NDArray output, NDArray extra) {
    return probe(layer, input, output, extra, null);
  }

  /** {@link #probe(DpLayer, NDArray, NDArray, NDArray)}, recording the input rows' sums of squares too. */
  NDArray probe(DpLayer layer, NDArray input, NDArray output, NDArray extra, double[] inputSquares) {
    NDArray probe;
    NDArray probed;
    if (historyFree && entries.isEmpty()) {
      output.setRequiresGradient(true);
      probe = output;
      probed = output;
    } else {
      probe = output.getManager().zeros(output.getShape(), output.getDataType());
      probe.setRequiresGradient(true);
      probed = output.add(probe);
    }
    // Detached views: the per-example arithmetic after the backward pass must not build a graph.
    Entry entry = new Entry(layer, input.stopGradient(), probe, extra == null ? null : extra.stopGradient());
    entry.inputSquares = inputSquares;
    entries.add(entry);
    return probed;
  }

  /** The records, in forward order. */
  public List<Entry> entries() {
    return entries;
  }
}
