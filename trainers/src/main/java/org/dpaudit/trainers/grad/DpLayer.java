package org.dpaudit.trainers.grad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * A layer that knows its own per-example gradient rule (as Opacus keeps one grad sampler per layer
 * type): a forward pass that can record a {@link Tape}, and, from the tape after one backward pass,
 * every example's squared gradient norm and the coefficient-weighted sum of per-example gradients,
 * without a loop over examples.
 *
 * <p>Parameters are the DJL block's own {@link Parameter}s, so training updates the block that is
 * saved with DJL.
 */
public interface DpLayer {
  /**
   * Runs the layer. With a tape, layers with parameters add a probe to their output and record
   * what their gradient rule needs.
   */
  NDArray forward(NDArray x, boolean training, Tape tape);

  /** This layer's parameters in a fixed order (weight, then bias); empty for stateless layers. */
  List<Parameter> parameters();

  /** Per-example squared L2 norms of this layer's parameter gradients, shape (B). */
  default NDArray squaredNorms(Tape.Entry entry) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no parameters");
  }

  /**
   * {@link #squaredNorms} as float32 values on the host, for the host's clipping arithmetic ({@link
   * PerSampleGradients#normsOnHost}); a layer whose kernel writes them there directly overrides.
   */
  default float[] squaredNormsOnHost(Tape.Entry entry) {
    return squaredNorms(entry).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
  }

  /** Per-example L1 norms of this layer's parameter gradients, shape (B), for L1-clipping schemes. */
  default NDArray l1Norms(Tape.Entry entry) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no L1 gradient norms");
  }

  /**
   * {@code sum_i c_i g_i} for each parameter, in {@link #parameters()} order.
   *
   * @param coefficients shape (B)
   */
  default NDList weightedSum(Tape.Entry entry, NDArray coefficients) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no parameters");
  }

  /** Reshapes coefficients (B) to broadcast against an array of {@code rank} dimensions. */
  static NDArray broadcastable(NDArray coefficients, int rank) {
    long[] shape = new long[rank];
    java.util.Arrays.fill(shape, 1);
    shape[0] = coefficients.getShape().get(0);
    return coefficients.reshape(shape);
  }

  /**
   * The same layer over copies of its parameters (on another device: collaborative workers with one
   * model replica per GPU). {@code copy} makes each copy. Stateless layers are shared as they are.
   */
  default DpLayer replicate(java.util.function.UnaryOperator<Parameter> copy) {
    if (parameters().isEmpty()) {
      return this;
    }
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be replicated");
  }
}
