package org.dpaudit.trainers.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.dpaudit.trainers.engine.NativeKernels;
import org.dpaudit.trainers.noise.NoisyGradient;

/**
 * Updates parameters in place from a (privatised) gradient. The optimizer only post-processes
 * private gradients, so it costs no privacy.
 *
 * <p>Its state (momentum, Adam moments, step count) lives in arrays on the parameters' device and
 * is saved in checkpoints, so a resumed run continues exactly.
 *
 * <p>Plain SGD on the CPU is one pass over each parameter ({@link NativeKernels#sgdUpdate}: the
 * same bits as the engine's product and in-place difference, without their temporary), as a lean
 * PyTorch loop's {@code add_(grad, alpha=-lr)} is; it serves the non-private and the private step
 * alike, so that neither's time carries an update the other does not. A private gradient whose
 * noise is still pending ({@link NoisyGradient}) gets it inside that pass: no noisy gradient is
 * written and read back.
 */
public final class Optimizer {
  private final OptimizerKind kind;
  private final double momentum;
  private final double beta1 = 0.9;
  private final double beta2 = 0.999;
  private final double eps = 1e-8;
  private final List<NDArray> first = new ArrayList<>();
  private final List<NDArray> second = new ArrayList<>();
  private long updates;

  /**
   * @param momentum SGD momentum in [0, 1); ignored by Adam
   */
  public Optimizer(OptimizerKind kind, double momentum, List<Parameter> params, NDManager manager) {
    this(kind, momentum, manager, params.stream().map(Parameter::getShape).toList());
  }

  /** An optimizer for arrays of the given shapes (e.g. the stacked weights of several models). */
  public Optimizer(OptimizerKind kind, double momentum, NDManager manager, List<Shape> shapes) {
    this.kind = kind;
    this.momentum = momentum;
    for (Shape shape : shapes) {
      first.add(manager.zeros(shape));
      if (kind == OptimizerKind.ADAM) {
        second.add(manager.zeros(shape));
      }
    }
  }

  /** Applies one update with learning rate {@code lr} to the parameters' arrays. */
  public void step(List<Parameter> params, NDList grads, double lr) {
    stepArrays(params.stream().map(Parameter::getArray).toList(), grads, lr);
  }

  /**
   * Applies one update with learning rate {@code lr} to the parameters' arrays from a released
   * gradient, whose pending noise plain SGD adds in its own pass ({@link NoisyGradient#descend}: the
   * same bits as adding it first). The gradient may hold more arrays than there are parameters (a
   * white-box audit tensor, released but not trained): those are returned, noisy.
   */
  public NDList step(List<Parameter> params, NoisyGradient gradient, double lr) {
    List<NDArray> arrays = params.stream().map(Parameter::getArray).toList();
    if (kind == OptimizerKind.SGD && momentum == 0) {
      NDList rest = gradient.descend(arrays, lr);
      if (rest != null) {
        updates++;
        return rest;
      }
    }
    NDList all = gradient.materialize();
    if (all.size() < arrays.size()) {
      throw new IllegalArgumentException(arrays.size() + " parameters for a gradient of " + all.size() + " arrays");
    }
    stepArrays(arrays, new NDList(all.subList(0, arrays.size())), lr);
    return new NDList(all.subList(arrays.size(), all.size()));
  }

  /** Applies one update with learning rate {@code lr} to {@code params}, in place. */
  public void stepArrays(List<NDArray> params, NDList grads, double lr) {
    updates++;
    for (int i = 0; i < params.size(); i++) {
      NDArray w = params.get(i);
      NDArray g = grads.get(i);
      if (kind == OptimizerKind.SGD) {
        if (momentum > 0) {
          first.get(i).muli(momentum).addi(g);
          w.subi(first.get(i).mul(lr));
        } else if (!NativeKernels.sgdUpdate(w, g, lr)) {
          w.subi(g.mul(lr)); // the same bits, in two engine operations
        }
      } else {
        first.get(i).muli(beta1).addi(g.mul(1 - beta1));
        second.get(i).muli(beta2).addi(g.square().mul(1 - beta2));
        double c1 = 1 - Math.pow(beta1, updates);
        double c2 = 1 - Math.pow(beta2, updates);
        NDArray mHat = first.get(i).div(c1);
        NDArray vHat = second.get(i).div(c2);
        w.subi(mHat.mul(lr).div(vHat.sqrt().add(eps)));
      }
    }
  }

  /** The state arrays to checkpoint (first moments, then second moments). */
  public NDList state() {
    NDList s = new NDList();
    s.addAll(first);
    s.addAll(second);
    return s;
  }

  /** The number of updates applied. */
  public long updates() {
    return updates;
  }

  /** Restores state written by {@link #state()} after {@code updates} updates. */
  public void restore(NDList state, long updatesSoFar) {
    if (state.size() != first.size() + second.size()) {
      throw new IllegalArgumentException("optimizer state has " + state.size() + " arrays, expected "
          + (first.size() + second.size()));
    }
    for (int i = 0; i < first.size(); i++) {
      org.dpaudit.trainers.nn.ArrayValues.copyInto(first.get(i), state.get(i).toFloatArray());
    }
    for (int i = 0; i < second.size(); i++) {
      org.dpaudit.trainers.nn.ArrayValues.copyInto(second.get(i), state.get(first.size() + i).toFloatArray());
    }
    this.updates = updatesSoFar;
  }
}
