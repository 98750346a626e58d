package org.dpaudit.trainers.grad;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import java.util.List;

/**
 * A fixed linear map of the inputs, {@code z = x W^T + b}, fitted before training and never trained:
 * the input PCA of seed 003 ({@code pca<k>-} models), with W the top k principal directions and
 * {@code b = -W mean}. Its weight and bias are the DJL block's parameters, so the projection is saved
 * and loaded with the model, and attacks and evaluations see the model the run trained; but it
 * reports no parameters, so no gradient, clipping or noise ever touches it.
 */
public final class ProjectionLayer implements DpLayer {
  private final Parameter weight;
  private final Parameter bias;

  public ProjectionLayer(Parameter weight, Parameter bias) {
    this.weight = weight;
    this.bias = bias;
    for (Parameter p : List.of(weight, bias)) {
      if (p.getArray().hasGradient()) {
        p.getArray().setRequiresGradient(false);
      }
    }
  }

  @Override
  public NDArray forward(NDArray x, boolean training, Tape tape) {
    return Linear.linear(x, weight.getArray(), bias.getArray()).singletonOrThrow();
  }

  /** None: the projection is fixed. */
  @Override
  public List<Parameter> parameters() {
    return List.of();
  }

  /** The projection's own arrays (k x d weight, k bias), to install a fitted projection. */
  public List<Parameter> projection() {
    return List.of(weight, bias);
  }

  /** A copy over copies of the projection's arrays (it reports no trainable parameters). */
  @Override
  public DpLayer replicate(java.util.function.UnaryOperator<Parameter> copy) {
    return new ProjectionLayer(copy.apply(weight), copy.apply(bias));
  }
}
