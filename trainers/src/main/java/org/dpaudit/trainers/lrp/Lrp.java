package org.dpaudit.trainers.lrp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.dpaudit.core.Checks;
import org.dpaudit.core.UnsupportedModelException;
import org.dpaudit.trainers.grad.DpLayer;
import org.dpaudit.trainers.grad.DpNetwork;
import org.dpaudit.trainers.grad.DropoutLayer;
import org.dpaudit.trainers.grad.LinearLayer;
import org.dpaudit.trainers.grad.StatelessLayer;

/**
 * Layer-wise relevance propagation (Bach et al. 2015) for dpaudit's dense networks, batched on the
 * engine: one forward pass in evaluation mode, then one matrix product per dense layer going back.
 *
 * <pre>
 *   start:   R_k = f_y(x) for the example's true class y, 0 for the other logits (the output
 *            explained is the true class's logit, Bach et al. 2015 section 2)
 *   dense:   s = R / (z + eps sign(z));  R_in = a . (s W)           (epsilon rule, {@link LrpRule})
 *            s = R / (a W+^T);           R_in = a . (s W+)          (z+ rule)
 *            s = R / colsum(W^2);        R_in = s W^2               (w^2 rule)
 *   ReLU, tanh, dropout (evaluation mode: identity): relevance passes through unchanged
 *   flatten: relevance is reshaped back
 * </pre>
 * Supported layers: dense ({@link LinearLayer}), ReLU and tanh, flatten, dropout, that is the
 * {@code mlp} and {@code mlp1000} models. Convolutions, pooling and normalisation layers are refused
 * with a message (their rules exist, but no scheme here needs them yet).
 */
public final class Lrp {
  /** Bach et al. 2015's stabiliser for the epsilon rule in their experiments. */
  public static final double DEFAULT_STABILISER = 0.01;

  private Lrp() {}

  /** What the backward pass must undo, recorded going forward. */
  private sealed interface Step {}

  /** A dense layer: its input activations and its pre-activation output. */
  private record DenseStep(LinearLayer layer, NDArray input, NDArray output) implements Step {}

  /** A flatten: the shape to give the relevance back. */
  private record FlattenStep(Shape inputShape) implements Step {}

  /**
   * The relevance of every dense layer's output neurons and of the input, for each example.
   *
   * @param x inputs (B, ...)
   * @param labels the explained class of each example (B), integer
   * @param stabiliser eps of the epsilon rule (positive; ignored by the other rules)
   */
  public static Relevance explain(DpNetwork net, NDArray x, NDArray labels, LrpRule rule, double stabiliser) {
    Checks.positive("LRP stabiliser", stabiliser);
    List<Step> steps = new ArrayList<>();
    NDArray h = x;
    for (DpLayer l : net.layers()) {
      requireSupported(l);
      if (l instanceof LinearLayer d) {
        NDArray z = d.forward(h, false, null);
        steps.add(new DenseStep(d, h, z));
        h = z;
      } else {
        if (isFlatten(l)) {
          steps.add(new FlattenStep(h.getShape()));
        }
        h = l.forward(h, false, null);
      }
    }
    NDArray r = h.mul(labels.toType(ai.djl.ndarray.types.DataType.INT64, false).oneHot((int) h.getShape().get(1))
        .toType(h.getDataType(), false));
    List<NDArray> outputs = new ArrayList<>();
    for (int i = steps.size() - 1; i >= 0; i--) {
      Step s = steps.get(i);
      if (s instanceof DenseStep d) {
        outputs.add(0, r);
        r = dense(d, r, rule, stabiliser);
      } else if (s instanceof FlattenStep f) {
        r = r.reshape(f.inputShape());
      }
    }
    if (outputs.isEmpty()) {
      throw new UnsupportedModelException("LRP needs at least one dense layer");
    }
    return new Relevance(outputs, r);
  }

  /**
   * The relevance of every dense layer's output neurons from the weights alone: the w^2 rule,
   * starting from relevance 1/K on each of the K outputs. No example is looked at, so the result is a
   * function of the parameters only; shape (1, outputs) per layer.
   */
  public static Relevance dataFree(DpNetwork net) {
    List<LinearLayer> dense = denseLayers(net);
    NDArray w = weight(dense.get(dense.size() - 1));
    long classes = w.getShape().get(0);
    NDArray r = w.getManager().ones(new Shape(1, classes), w.getDataType()).div(classes);
    List<NDArray> outputs = new ArrayList<>();
    for (int i = dense.size() - 1; i >= 0; i--) {
      outputs.add(0, r);
      r = wSquare(weight(dense.get(i)), r);
    }
    return new Relevance(outputs, r);
  }

  /**
   * The network's dense layers in forward order, after checking that every layer is one LRP supports
   * (the layout per-neuron schemes put their noise on).
   */
  public static List<LinearLayer> denseLayers(DpNetwork net) {
    List<LinearLayer> dense = new ArrayList<>();
    for (DpLayer l : net.layers()) {
      requireSupported(l);
      if (l instanceof LinearLayer d) {
        dense.add(d);
      }
    }
    if (dense.isEmpty()) {
      throw new UnsupportedModelException("LRP needs at least one dense layer");
    }
    return dense;
  }

  private static NDArray dense(DenseStep d, NDArray r, LrpRule rule, double stabiliser) {
    NDArray w = weight(d.layer());
    return switch (rule) {
      case EPSILON -> {
        NDArray z = d.output();
        NDArray sign = z.gte(0).toType(z.getDataType(), false).mul(2).sub(1);
        NDArray s = r.div(z.add(sign.mul(stabiliser)));
        yield d.input().mul(s.matMul(w));
      }
      case ZPLUS -> {
        NDArray wp = w.maximum(0f);
        NDArray z = d.input().matMul(wp.transpose());
        // z_k = 0 only where every a_j w+_jk is 0: there is no positive evidence and R_k stops there
        NDArray safe = z.add(z.eq(0).toType(z.getDataType(), false));
        NDArray s = r.div(safe).mul(z.neq(0).toType(z.getDataType(), false));
        yield d.input().mul(s.matMul(wp));
      }
      case WSQUARE -> wSquare(w, r);
    };
  }

  /** {@code R_j = sum_k w_jk^2 / (sum_j' w_j'k^2) R_k} for W of shape (outputs, inputs). */
  private static NDArray wSquare(NDArray w, NDArray r) {
    NDArray w2 = w.square();
    NDArray colSum = w2.sum(new int[] {1});
    NDArray safe = colSum.add(colSum.eq(0).toType(colSum.getDataType(), false));
    return r.div(safe).matMul(w2);
  }

  private static NDArray weight(LinearLayer d) {
    return d.parameters().get(0).getArray();
  }

  private static boolean isFlatten(DpLayer l) {
    return l instanceof StatelessLayer s && "flatten".equals(s.kind());
  }

  private static void requireSupported(DpLayer l) {
    boolean ok = l instanceof LinearLayer || l instanceof DropoutLayer
        || (l instanceof StatelessLayer s && List.of("relu", "tanh", "flatten").contains(s.kind()));
    if (!ok) {
      throw new UnsupportedModelException("layer-wise relevance propagation here supports dense layers, ReLU, tanh, "
          + "flatten and dropout (the mlp models); the model has " + l + " (" + l.getClass().getSimpleName()
          + "): use --model mlp or mlp1000 with the relevance-based schemes");
    }
  }
}
