package org.dpaudit.trainers.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Group normalisation (Wu and He 2018) as a DJL block, because DJL 0.35.1 has none and DP-SGD needs
 * it: unlike BatchNorm it normalises each example on its own, so per-example gradients exist.
 *
 * <pre>
 * x: (B, C, H, W), split into G groups of C/G channels
 * x_hat = (x - mean_group) / sqrt(var_group + eps)        per example, per group
 * y = gamma_c * x_hat + beta_c                             per-channel scale and shift
 * </pre>
 */
public final class GroupNormBlock extends AbstractBlock {
  /** The epsilon PyTorch's GroupNorm uses. */
  public static final float EPSILON = 1e-5f;

  private static final byte VERSION = 1;

  private final int groups;
  private final Parameter gamma;
  private final Parameter beta;

  public GroupNormBlock(int groups) {
    super(VERSION);
    this.groups = groups;
    gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
    beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
  }

  /** The number of groups. */
  public int groups() {
    return groups;
  }

  /** Normalises {@code x} per example and group (no scale or shift). */
  public static NDArray normalise(NDArray x, int groups) {
    Shape s = x.getShape();
    NDArray g = x.reshape(s.get(0), groups, -1);
    NDArray mean = g.mean(new int[] {2}, true);
    NDArray centred = g.sub(mean);
    NDArray var = centred.square().mean(new int[] {2}, true);
    return centred.div(var.add(EPSILON).sqrt()).reshape(s);
  }

  /** Scale and shift of shape (C) broadcast over (B, C, H, W). */
  public static NDArray affine(NDArray xHat, NDArray gamma, NDArray beta) {
    long c = gamma.getShape().get(0);
    return xHat.mul(gamma.reshape(1, c, 1, 1)).add(beta.reshape(1, c, 1, 1));
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray g = store.getValue(gamma, x.getDevice(), training);
    NDArray b = store.getValue(beta, x.getDevice(), training);
    return new NDList(affine(normalise(x, groups), g, b));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    long channels = inputShapes[0].get(1);
    if (channels % groups != 0) {
      throw new IllegalArgumentException("GroupNorm: " + channels + " channels are not divisible by " + groups + " groups");
    }
    gamma.setShape(new Shape(channels));
    beta.setShape(new Shape(channels));
  }
}
