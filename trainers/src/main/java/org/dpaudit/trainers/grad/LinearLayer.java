package org.dpaudit.trainers.grad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import java.util.List;
import org.dpaudit.trainers.engine.Engines;
import org.dpaudit.trainers.engine.NativeKernels;

/**
 * Per-example gradients of a dense layer {@code z = a W^T + b} by the probe (Book-Keeping) method.
 *
 * <pre>
 * g_i(W) = delta_i a_i^T                       (rank one)
 * ||g_i||^2 = ||delta_i||^2 (||a_i||^2 + 1)     (the +1 is the bias)
 * ||g_i||_1 = ||delta_i||_1 (||a_i||_1 + 1)
 * sum_i c_i g_i(W) = (c . Delta)^T A            (one matrix product)
 * </pre>
 *
 * Goodfellow 2015 for the norms; Bu et al. 2023 (Book-Keeping) for replacing the ordinary
 * weight-gradient product with the clipped one, so a DP step costs about what a plain one does.
 */
public final class LinearLayer implements DpLayer {
  private final Parameter weight;
  private final Parameter bias;

  public LinearLayer(Parameter weight, Parameter bias) {
    this.weight = weight;
    this.bias = bias;
  }

  @Override
  public NDArray forward(NDArray x, boolean training, Tape tape) {
    NDArray z = Linear.linear(x, weight.getArray(), bias.getArray()).singletonOrThrow();
    if (tape == null) {
      return z;
    }
    // The inputs' norms now, while the product has just read them: after the backward pass the
    // norms would read them back from memory (NativeKernels.rowSquares). Null where the kernels do not serve.
    return tape.probe(this, x, z, null, NativeKernels.rowSquares(x));
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(weight, bias);
  }

  @Override
  public NDArray squaredNorms(Tape.Entry e) {
    NDArray delta = e.delta();
    NDArray fast = NativeKernels.linearSquaredNorms(e.input, delta);
    if (fast != null) {
      return fast;
    }
    return smallOps(e, () -> delta.square().sum(new int[] {1}).mul(e.input.square().sum(new int[] {1}).add(1f)));
  }

  /**
   * {@link #squaredNorms} straight to the host by the native kernel, the inputs' sums taken in the
   * forward pass ({@link NativeKernels#linearSquaredNormsOnHost}, the same bits); else the engine's.
   */
  @Override
  public float[] squaredNormsOnHost(Tape.Entry e) {
    float[] fast = NativeKernels.linearSquaredNormsOnHost(e.inputSquares, e.input, e.delta());
    return fast != null ? fast : DpLayer.super.squaredNormsOnHost(e);
  }

  @Override
  public NDArray l1Norms(Tape.Entry e) {
    NDArray delta = e.delta();
    return smallOps(e, () -> delta.abs().sum(new int[] {1}).mul(e.input.abs().sum(new int[] {1}).add(1f)));
  }

  /**
   * The norms' six element-wise operations and reductions on one engine thread when the arrays are
   * small ({@link Engines#ONE_THREAD_MAX} values): waking the second thread for each costs more than
   * it saves ({@link Engines#onOneThread}). Same values either way.
   */
  private static NDArray smallOps(Tape.Entry e, java.util.function.Supplier<NDArray> norms) {
    return Engines.onOneThreadIfSmall(Math.max(e.input.size(), e.probe.size()), e.input.getDevice(), norms);
  }

  @Override
  public NDList weightedSum(Tape.Entry e, NDArray coefficients) {
    NDArray scaled = e.delta().mul(e.column(coefficients));
    return new NDList(scaled.transpose().matMul(e.input), scaled.sum(new int[] {0}));
  }

  @Override
  public DpLayer replicate(java.util.function.UnaryOperator<Parameter> copy) {
    return new LinearLayer(copy.apply(weight), copy.apply(bias));
  }
}
