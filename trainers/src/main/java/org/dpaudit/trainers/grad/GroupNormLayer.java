package org.dpaudit.trainers.grad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import java.util.List;
import org.dpaudit.trainers.nn.GroupNormBlock;

/**
 * Per-example gradients of group normalisation's scale and shift.
 *
 * <pre>
 * y = gamma_c x_hat + beta_c     (x_hat normalised per example and group, so no example mixing)
 * g_i(gamma)[c] = sum_hw Delta_i[c, h, w] x_hat_i[c, h, w]
 * g_i(beta)[c]  = sum_hw Delta_i[c, h, w]
 * </pre>
 */
public final class GroupNormLayer implements DpLayer {
  private final Parameter gamma;
  private final Parameter beta;
  private final int groups;

  public GroupNormLayer(Parameter gamma, Parameter beta, int groups) {
    this.gamma = gamma;
    this.beta = beta;
    this.groups = groups;
  }

  @Override
  public NDArray forward(NDArray x, boolean training, Tape tape) {
    NDArray xHat = GroupNormBlock.normalise(x, groups);
    NDArray y = GroupNormBlock.affine(xHat, gamma.getArray(), beta.getArray());
    return tape == null ? y : tape.probe(this, x, y, xHat);
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(gamma, beta);
  }

  private static NDArray[] perExample(Tape.Entry e) {
    NDArray d = e.delta();
    return new NDArray[] {d.mul(e.extra).sum(new int[] {2, 3}), d.sum(new int[] {2, 3})};
  }

  @Override
  public NDArray squaredNorms(Tape.Entry e) {
    NDArray[] g = perExample(e);
    return g[0].square().sum(new int[] {1}).add(g[1].square().sum(new int[] {1}));
  }

  @Override
  public NDArray l1Norms(Tape.Entry e) {
    NDArray[] g = perExample(e);
    return g[0].abs().sum(new int[] {1}).add(g[1].abs().sum(new int[] {1}));
  }

  @Override
  public NDList weightedSum(Tape.Entry e, NDArray coefficients) {
    NDArray[] g = perExample(e);
    NDArray c = DpLayer.broadcastable(coefficients, 2);
    return new NDList(g[0].mul(c).sum(new int[] {0}), g[1].mul(c).sum(new int[] {0}));
  }

  @Override
  public DpLayer replicate(java.util.function.UnaryOperator<Parameter> copy) {
    return new GroupNormLayer(copy.apply(gamma), copy.apply(beta), groups);
  }
}
