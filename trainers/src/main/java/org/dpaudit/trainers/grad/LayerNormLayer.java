package org.dpaudit.trainers.grad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import java.util.List;

/**
 * Per-example gradients of layer normalisation over a flat input (B, D), element-wise affine.
 *
 * <pre>
 * y = gamma . x_hat + beta          x_hat normalised over the D features of each example
 * g_i(gamma) = Delta_i . x_hat_i    g_i(beta) = Delta_i
 * </pre>
 */
public final class LayerNormLayer implements DpLayer {
  /** DJL's and PyTorch's default. */
  public static final float EPSILON = 1e-5f;

  private final Parameter gamma;
  private final Parameter beta;

  public LayerNormLayer(Parameter gamma, Parameter beta) {
    this.gamma = gamma;
    this.beta = beta;
  }

  @Override
  public NDArray forward(NDArray x, boolean training, Tape tape) {
    if (tape == null) {
      return LayerNorm.layerNorm(x, new Shape(x.getShape().get(1)), gamma.getArray(), beta.getArray(), EPSILON)
          .singletonOrThrow();
    }
    NDArray mean = x.mean(new int[] {1}, true);
    NDArray centred = x.sub(mean);
    NDArray var = centred.square().mean(new int[] {1}, true);
    NDArray xHat = centred.div(var.add(EPSILON).sqrt());
    NDArray y = xHat.mul(gamma.getArray()).add(beta.getArray());
    return tape.probe(this, x, y, xHat);
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(gamma, beta);
  }

  @Override
  public NDArray squaredNorms(Tape.Entry e) {
    NDArray d = e.delta();
    return d.mul(e.extra).square().sum(new int[] {1}).add(d.square().sum(new int[] {1}));
  }

  @Override
  public NDArray l1Norms(Tape.Entry e) {
    NDArray d = e.delta();
    return d.mul(e.extra).abs().sum(new int[] {1}).add(d.abs().sum(new int[] {1}));
  }

  @Override
  public NDList weightedSum(Tape.Entry e, NDArray coefficients) {
    NDArray d = e.delta().mul(DpLayer.broadcastable(coefficients, 2));
    return new NDList(d.mul(e.extra).sum(new int[] {0}), d.sum(new int[] {0}));
  }

  @Override
  public DpLayer replicate(java.util.function.UnaryOperator<Parameter> copy) {
    return new LayerNormLayer(copy.apply(gamma), copy.apply(beta));
  }
}
