package org.dpaudit.trainers.grad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.dpaudit.trainers.engine.Engines;

/**
 * A model as a list of {@link DpLayer}s over the parameters of a DJL block: the functional forward
 * pass that per-example gradients need (probes at every layer's output), plus the ordinary gradient
 * path for non-private training.
 *
 * <h2>Implementation notes</h2>
 * Each call opens and closes one gradient collector of its thread ({@link Engines#gradientCollector}:
 * DJL's own allows one per JVM, which would keep models from training in parallel threads). In the DP
 * path the parameters do not require gradients: autograd then computes only the probes' gradients
 * (the per-example output gradients) and skips the weight-gradient products, which the clipped sums
 * replace (measured: 1.69x vs 2.06x of a plain step on the MLP).
 */
public final class DpNetwork {
  private final List<DpLayer> layers;
  private final List<Parameter> parameters;

  public DpNetwork(List<DpLayer> layers) {
    this.layers = List.copyOf(layers);
    List<Parameter> p = new ArrayList<>();
    for (DpLayer l : layers) {
      p.addAll(l.parameters());
    }
    this.parameters = List.copyOf(p);
  }

  /** The layers in order. */
  public List<DpLayer> layers() {
    return layers;
  }

  /** The number of layers with parameters. */
  public int parameterisedLayers() {
    int n = 0;
    for (DpLayer l : layers) {
      n += l.parameters().isEmpty() ? 0 : 1;
    }
    return n;
  }

  /** Every parameter, in layer order (weight before bias). */
  public List<Parameter> parameters() {
    return parameters;
  }

  /** The logits for {@code x} without recording anything (evaluation, attacks). */
  public NDArray logits(NDArray x) {
    return forward(x, false, null);
  }

  /** The forward pass; with a tape, probes are added to every parameterised layer's output. */
  public NDArray forward(NDArray x, boolean training, Tape tape) {
    NDArray h = x;
    for (DpLayer l : layers) {
      h = l.forward(h, training, tape);
    }
    return h;
  }

  /**
   * One forward and one backward pass of the summed per-example losses, recording what is needed
   * for every example's gradient.
   *
   * @param x (B, ...) inputs, B at least 1
   * @param labels (B) integer labels
   */
  public PerSampleGradients perSampleGradients(NDArray x, NDArray labels) {
    setRequiresGradient(false);
    // The input detached and no parameter requiring a gradient: the first layer's output is a leaf.
    Tape tape = new Tape(true);
    NDArray logits;
    NDArray losses;
    try (GradientCollector gc = Engines.gradientCollector()) {
      logits = forward(x.stopGradient(), true, tape);
      losses = Losses.crossEntropy(logits, labels);
      gc.backward(losses.sum());
    }
    return new PerSampleGradients(tape, losses, logits); // detached only if asked for (PerSampleGradients)
  }

  /**
   * The ordinary gradient of the mean loss (non-private training), one array per parameter, and the
   * per-example losses.
   *
   * <p>As a lean PyTorch loop takes it: the arrays are the parameters' own gradient buffers, not
   * copies, and they are zeroed in place at the start of the next call (PyTorch's
   * {@code zero_grad()}; DJL has no way to set them to none), so they hold this call's gradient
   * until the next call on this network. Parameters require gradients only inside this call: the
   * same parameters are updated in place, copied and read for evaluation by threads whose grad
   * mode is on, where a parameter that requires its gradient would be recorded or refused, and
   * turning the flag on and off costs about 13 microseconds a step (measured on the MLP).
   */
  public NDList meanLossGradients(NDArray x, NDArray labels, NDArray[] lossesOut) {
    setRequiresGradient(true);
    try {
      for (Parameter p : parameters) {
        Engines.zeroGradient(p.getArray()); // last call's gradient, or none yet
      }
      try (GradientCollector gc = Engines.gradientCollector()) {
        NDArray losses = Losses.crossEntropy(forward(x, true, null), labels);
        gc.backward(losses.mean());
        if (lossesOut != null) {
          lossesOut[0] = losses.stopGradient();
        }
      }
      NDList grads = new NDList();
      for (Parameter p : parameters) {
        grads.add(p.getArray().getGradient());
      }
      return grads;
    } finally {
      setRequiresGradient(false);
    }
  }

  private void setRequiresGradient(boolean requires) {
    for (Parameter p : parameters) {
      if (p.getArray().hasGradient() != requires) {
        p.getArray().setRequiresGradient(requires);
      }
    }
  }

  /**
   * A replica of this network whose parameters are copies on {@code manager}'s device (a
   * collaborative worker's model on its own GPU); {@link #copyParametersTo} keeps it in step.
   */
  public DpNetwork replicate(ai.djl.ndarray.NDManager manager) {
    List<DpLayer> copies = new ArrayList<>();
    for (DpLayer l : layers) {
      copies.add(l.replicate(p -> {
        // duplicate(), not toDevice(same device, copy = true): on the PyTorch engine that returns a
        // tensor over the same memory, so a CPU "replica" would follow every update of the original.
        NDArray a = p.getArray().getDevice().equals(manager.getDevice()) ? p.getArray().duplicate()
            : p.getArray().toDevice(manager.getDevice(), true);
        a.attach(manager);
        ai.djl.ndarray.NDScope.unregister(a); // lives as long as the replica, not the step that made it
        return Parameter.builder().setName(p.getName()).setType(p.getType()).optArray(a).optRequiresGrad(false).build();
      }));
    }
    return new DpNetwork(copies);
  }

  /** Copies this network's parameter values into {@code replica}'s (built by {@link #replicate}). */
  public void copyParametersTo(DpNetwork replica) {
    for (int i = 0; i < parameters.size(); i++) {
      org.dpaudit.trainers.nn.ArrayValues.copyInto(replica.parameters.get(i).getArray(), parameters.get(i).getArray());
    }
  }

  /**
   * This network with {@code extra} (a layer without parameters) inserted after layer {@code after}:
   * same parameters, another forward pass (NeuralDP trains through a privatisation layer).
   */
  public DpNetwork withLayerAfter(int after, DpLayer extra) {
    if (!extra.parameters().isEmpty()) {
      throw new IllegalArgumentException("only layers without parameters can be inserted");
    }
    List<DpLayer> l = new ArrayList<>(layers);
    l.add(after + 1, extra);
    return new DpNetwork(l);
  }
}
