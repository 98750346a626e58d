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
    private NDArray delta;
    private final Tape tape;

    Entry(DpLayer layer, NDArray input, NDArray probe, NDArray extra) {
      this(null, layer, input, probe, extra);
    }

    private Entry(Tape tape, DpLayer layer, NDArray input, NDArray probe, NDArray extra) {
      this.tape = tape;
      this.layer = layer;
      this.input = input;
      this.probe = probe;
      this.extra = extra;
    }

    /** The layer. */
    public DpLayer layer() {
      return layer;
    }

    /**
     * The per-example output gradients (valid after the backward pass; read from the engine once, as
     * the norms and the clipped sum both need them).
     */
    public NDArray delta() {
      if (delta == null) {
        delta = probe.getGradient();
      }
      return delta;
    }

    /**
     * {@code coefficients} (B) as a (B, 1) column, to scale this layer's output gradients row by
     * row: reshaped once for all the dense layers of a step (each engine call costs tens of
     * microseconds inside a step), else here.
     */
    NDArray column(NDArray coefficients) {
      return tape == null ? DpLayer.broadcastable(coefficients, 2) : tape.column(coefficients);
    }
  }

  /** The last coefficients turned into a column, and that column ({@link Entry#column}). */
  private NDArray columnOf;
  private NDArray column;

  private NDArray column(NDArray coefficients) {
    if (columnOf != coefficients || column.isReleased()) {
      column = DpLayer.broadcastable(coefficients, 2);
      columnOf = coefficients;
    }
    return column;
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
    // The first layer's input is the network's detached input already when the tape is history-free.
    NDArray detached = historyFree && entries.isEmpty() ? input : input.stopGradient();
    Entry entry = new Entry(this, layer, detached, probe, extra == null ? null : extra.stopGradient());
    entry.inputSquares = inputSquares;
    entries.add(entry);
    return probed;
  }

  /** The records, in forward order. */
  public List<Entry> entries() {
    return entries;
  }
}
