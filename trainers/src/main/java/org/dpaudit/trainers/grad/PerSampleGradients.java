package org.dpaudit.trainers.grad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dpaudit.trainers.engine.HostMemory;
import org.dpaudit.trainers.engine.NativeKernels;

/**
 * Every example's gradient, held implicitly: the tape of one forward and one backward pass, from
 * which each layer gives per-example norms (total or per layer, L2 or L1) and coefficient-weighted
 * sums, the two things any clipping scheme needs. Nothing of size (B x parameters) is ever built
 * for dense layers.
 *
 * <p>With white-box canaries ({@link CanaryRows}) the batch has extra rows after the B real ones:
 * synthetic gradients that live only on the audit tensor, attached to the last layer with
 * parameters. Every method then covers B + k rows, and that layer's weighted sum has one more
 * array, the audit tensor's, after its own parameters. Real rows are 0 on the audit tensor and
 * canary rows are 0 on the model: a scheme clips and noises both without knowing which is which. A
 * step may even have canary rows and no real example (the tape is then absent).
 *
 * <p>The test oracle for this class is a loop over examples with batch size 1 (Opacus'
 * {@code check_per_sample_gradients_are_correct}); the two agree to 1e-5.
 */
public final class PerSampleGradients {
  private final Tape tape;
  /** The losses and logits as the forward pass left them (with autograd history); detached when asked for. */
  private final NDArray rawLosses;
  private final NDArray rawLogits;
  private NDArray losses;
  private NDArray logits;
  private final int realRows;
  private final List<DpLayer> layers;
  private final NDManager manager;
  private final CanaryRows canaries;

  PerSampleGradients(Tape tape, NDArray losses, NDArray logits) {
    this(tape, losses, logits, layersOf(tape), losses.getManager(), null);
  }

  private PerSampleGradients(Tape tape, NDArray losses, NDArray logits, List<DpLayer> layers, NDManager manager,
      CanaryRows canaries) {
    this.tape = tape;
    this.rawLosses = losses;
    this.rawLogits = logits;
    this.realRows = losses == null ? 0 : Math.toIntExact(losses.getShape().get(0));
    this.layers = layers;
    this.manager = manager;
    this.canaries = canaries;
  }

  /**
   * These gradients with {@code rows} appended after the real examples (a step's sampled
   * white-box canaries; possibly none, in which case only the audit tensor is added).
   */
  public PerSampleGradients withCanaries(CanaryRows rows) {
    Objects.requireNonNull(rows, "rows");
    if (canaries != null) {
      throw new IllegalStateException("canary rows were already added");
    }
    checkHost(rows, layers.size());
    return new PerSampleGradients(tape, rawLosses, rawLogits, layers, manager, rows);
  }

  /**
   * The gradients of a step whose batch has no real example, only canary rows (or none at all: the
   * audit tensor is still released). {@code network} gives the parameter shapes.
   */
  public static PerSampleGradients canariesOnly(DpNetwork network, NDManager manager, CanaryRows rows) {
    Objects.requireNonNull(rows, "rows");
    List<DpLayer> layers = new ArrayList<>();
    for (DpLayer l : network.layers()) {
      if (!l.parameters().isEmpty()) {
        layers.add(l);
      }
    }
    checkHost(rows, layers.size());
    return new PerSampleGradients(null, null, null, layers, manager, rows);
  }

  private static void checkHost(CanaryRows rows, int layerCount) {
    if (rows.hostLayer() >= layerCount) {
      throw new IllegalArgumentException("the audit tensor's host layer " + rows.hostLayer() + " is not one of the "
          + layerCount + " layers with parameters");
    }
  }

  private static List<DpLayer> layersOf(Tape tape) {
    List<DpLayer> out = new ArrayList<>();
    for (Tape.Entry e : tape.entries()) {
      out.add(e.layer());
    }
    return out;
  }

  /** The number of rows: real examples plus canary rows. */
  public int batchSize() {
    return realRows + canaryRows();
  }

  /** The number of real examples (rows 0 .. realRows-1). */
  public int realRows() {
    return realRows;
  }

  /** The number of canary rows (after the real ones). */
  public int canaryRows() {
    return canaries == null ? 0 : canaries.size();
  }

  /** The canary rows, or null when the step has no white-box canaries. */
  public CanaryRows canaries() {
    return canaries;
  }

  /** Per-example losses of the real examples (realRows), detached; null when there is none. */
  public NDArray losses() {
    if (losses == null && rawLosses != null) {
      losses = rawLosses.stopGradient();
    }
    return losses;
  }

  /**
   * The real examples' summed loss (0 when there is none), for progress reports: the float32 losses
   * read once and summed in float64 on the host (one engine call a step instead of a reduction and
   * a read-back).
   */
  public double lossSum() {
    if (rawLosses == null) {
      return 0;
    }
    double sum = 0;
    // Read without detaching first: reading values builds no graph (one engine call fewer a step).
    for (float l : rawLosses.toType(DataType.FLOAT32, false).toFloatArray()) {
      sum += l;
    }
    return sum;
  }

  /** Logits of the real examples (realRows, K), detached; null when there is none. */
  public NDArray logits() {
    if (logits == null && rawLogits != null) {
      logits = rawLogits.stopGradient();
    }
    return logits;
  }

  /** The number of layers with parameters. */
  public int layerCount() {
    return layers.size();
  }

  /** Per-example squared L2 norms of layer {@code layer}'s gradients (rows). */
  public NDArray layerSquaredNorms(int layer) {
    NDArray real = tape == null ? null : entry(layer).layer().squaredNorms(entry(layer));
    return withCanaryValues(real, layer, canaries == null ? 0 : canaries.norm() * canaries.norm());
  }

  /**
   * Per-example L2 norms of the whole gradient (rows): the layers' squared norms summed in layer
   * order and the square root taken, in float32. Where {@link #hostArithmetic} holds, in Java
   * ({@link #normsOnHost}: correctly rounded, and without an engine operation per layer); else
   * by the engine's operations.
   */
  public NDArray norms() {
    float[] host = normsOnHost();
    if (host != null) {
      return HostMemory.floatArray(manager, host);
    }
    NDArray total = layerSquaredNorms(0);
    for (int l = 1; l < layerCount(); l++) {
      total = total.add(layerSquaredNorms(l));
    }
    return total.sqrt();
  }

  /**
   * {@link #norms} computed on the host, as float32 values: each layer's squared norms read once,
   * summed in layer order (a float32 sum each, as the engine's) and their correctly rounded square
   * roots taken; null where {@link #hostArithmetic} does not hold for the arrays' device, so the
   * caller uses the engine.
   */
  public float[] normsOnHost() {
    if (!hostArithmetic(manager.getDevice())) {
      return null;
    }
    float[] total = hostLayerSquaredNorms(0);
    for (int l = 1; l < layerCount(); l++) {
      float[] s = hostLayerSquaredNorms(l);
      for (int i = 0; i < total.length; i++) {
        total[i] += s[i];
      }
    }
    for (int i = 0; i < total.length; i++) {
      total[i] = (float) Math.sqrt(total[i]); // correctly rounded: float32's square root through float64's
    }
    return total;
  }

  /** {@link #layerSquaredNorms} as float32 values on the host (the layer's own host path, then the canaries' rows). */
  private float[] hostLayerSquaredNorms(int layer) {
    float[] real = tape == null ? new float[0] : entry(layer).layer().squaredNormsOnHost(entry(layer));
    int k = canaryRows();
    if (k == 0) {
      return real;
    }
    float[] out = java.util.Arrays.copyOf(real, real.length + k);
    if (layer == canaries.hostLayer()) {
      java.util.Arrays.fill(out, real.length, out.length, (float) (canaries.norm() * canaries.norm()));
    }
    return out;
  }

  /**
   * Whether a step's small per-example arithmetic (norm totals, clipping coefficients) runs on the
   * host for arrays on {@code device}: on the CPU where dpaudit's native kernels run, so that it is
   * one arithmetic exactly where {@link NativeKernels#version} says the native one is in use.
   */
  public static boolean hostArithmetic(ai.djl.Device device) {
    return NativeKernels.serves(device);
  }

  /** The manager the step's arrays are made on. */
  public NDManager manager() {
    return manager;
  }

  /** Per-example L1 norms of layer {@code layer}'s gradients (rows). */
  public NDArray layerL1Norms(int layer) {
    NDArray real = tape == null ? null : entry(layer).layer().l1Norms(entry(layer));
    return withCanaryValues(real, layer, canaries == null ? 0 : canaries.norm());
  }

  /** Per-example L1 norms of the whole gradient (rows). */
  public NDArray l1Norms() {
    NDArray total = layerL1Norms(0);
    for (int l = 1; l < layerCount(); l++) {
      total = total.add(layerL1Norms(l));
    }
    return total;
  }

  /**
   * {@code sum_i c_i g_i} for every parameter of layer {@code layer} (and, for the audit tensor's
   * host layer, the audit tensor last).
   *
   * @param coefficients one per row (batchSize)
   */
  public NDList layerWeightedSum(int layer, NDArray coefficients) {
    NDList out;
    if (tape != null) {
      NDArray real = canaryRows() == 0 ? coefficients : coefficients.get("0:" + realRows);
      out = entry(layer).layer().weightedSum(entry(layer), real);
    } else {
      out = new NDList();
      for (Parameter p : layers.get(layer).parameters()) {
        out.add(manager.zeros(p.getShape(), DataType.FLOAT32));
      }
    }
    if (canaries != null && layer == canaries.hostLayer()) {
      out.add(auditSum(coefficients));
    }
    return out;
  }

  /** {@code sum_i c_i g_i} for every parameter of the network (then the audit tensor), in parameter order. */
  public NDList weightedSum(NDArray coefficients) {
    List<NDArray> out = new ArrayList<>();
    for (int l = 0; l < layerCount(); l++) {
      out.addAll(layerWeightedSum(l, coefficients));
    }
    return new NDList(out);
  }

  /** The audit tensor's part of the weighted sum: each canary row's coefficient times its norm, at its coordinate. */
  private NDArray auditSum(NDArray coefficients) {
    float[] sum = new float[canaries.auditSize()];
    int k = canaries.size();
    if (k > 0) {
      float[] c = coefficients.get(realRows + ":").toType(DataType.FLOAT32, false).toFloatArray();
      for (int r = 0; r < k; r++) {
        sum[canaries.coordinate(r)] += (float) (c[r] * canaries.norm());
      }
    }
    return manager.create(sum, new Shape(canaries.auditSize()));
  }

  /** {@code real} (realRows, or null) followed by one value per canary row: {@code value} on the host layer, else 0. */
  private NDArray withCanaryValues(NDArray real, int layer, double value) {
    int k = canaryRows();
    if (k == 0) {
      return real != null ? real : manager.zeros(new Shape(0), DataType.FLOAT32);
    }
    float[] v = new float[k];
    if (layer == canaries.hostLayer()) {
      java.util.Arrays.fill(v, (float) value);
    }
    NDArray c = manager.create(v);
    return real == null ? c : real.toType(DataType.FLOAT32, false).concat(c);
  }

  private Tape.Entry entry(int layer) {
    return tape.entries().get(layer);
  }
}
