package org.dpaudit.trainers.schemes;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.dpaudit.trainers.grad.CanaryRows;
import org.dpaudit.trainers.grad.DpLayer;
import org.dpaudit.trainers.grad.DpNetwork;
import org.dpaudit.trainers.grad.PerSampleGradients;
import org.dpaudit.trainers.noise.NoiseSource;

/**
 * What a scheme sees of the current step besides the gradients.
 *
 * @param step the 0-based optimizer step
 * @param parameters what the scheme releases a noisy gradient for, in order: the model's parameters,
 *     then, in a run with white-box canaries, the audit tensor (see {@link CanaryRows}); shapes for
 *     noise and empty batches
 * @param manager where this step's arrays live (closed at the end of the step)
 * @param noise the run's only noise source
 * @param expectedBatchSize q times the number of training examples: the divisor of the noisy sum
 * @param inputs the batch's inputs (B, ...), or null when the batch has no real example; schemes
 *     that look at the data beyond its gradients (relevance-based budgets) must say so in their
 *     caveats
 * @param labels the batch's labels (B), or null when the batch has no real example
 * @param network the model, for schemes that need more than per-example gradients (e.g. LRP)
 * @param batch the batch's positions in the training set (ascending, one per row of {@code inputs}),
 *     for schemes that split the batch by data partition (collaborative workers) or key noise by
 *     example; null when the caller does not know them
 * @param canaries the white-box canaries sampled into this step (possibly no row), or null when the
 *     run has none
 */
public record StepContext(
    long step, List<Parameter> parameters, NDManager manager, NoiseSource noise, double expectedBatchSize,
    NDArray inputs, NDArray labels, DpNetwork network, int[] batch, CanaryRows canaries) {

  /** A context without white-box canaries. */
  public StepContext(long step, List<Parameter> parameters, NDManager manager, NoiseSource noise,
      double expectedBatchSize, NDArray inputs, NDArray labels, DpNetwork network, int[] batch) {
    this(step, parameters, manager, noise, expectedBatchSize, inputs, labels, network, batch, null);
  }

  /** A context without the batch positions (schemes that need them refuse it). */
  public StepContext(long step, List<Parameter> parameters, NDManager manager, NoiseSource noise,
      double expectedBatchSize, NDArray inputs, NDArray labels, DpNetwork network) {
    this(step, parameters, manager, noise, expectedBatchSize, inputs, labels, network, null, null);
  }

  /** The same step with another noise source (the trainer's replay with the noise switched off). */
  public StepContext withNoise(NoiseSource other) {
    return new StepContext(step, parameters, manager, other, expectedBatchSize, inputs, labels, network, batch,
        canaries);
  }

  /** The number of scalars a noisy gradient is released for (the audit tensor included). */
  public long parameterCount() {
    long n = 0;
    for (Parameter p : parameters) {
      n += p.getArray().size();
    }
    return n;
  }

  /** The number of real examples in the batch (0 when there is none). */
  public int batchSize() {
    return inputs == null ? 0 : Math.toIntExact(inputs.getShape().get(0));
  }

  /**
   * Every row's gradient on {@code net} for {@code x} and {@code y} (null when there is no real
   * example), with this step's canary rows appended: the one way schemes get per-example gradients,
   * so that canaries go through every scheme's clipping and noise. Null only when the step has
   * neither examples nor canaries.
   */
  public PerSampleGradients perSampleGradients(DpNetwork net, NDArray x, NDArray y) {
    if (x == null) {
      return canaries == null ? null : PerSampleGradients.canariesOnly(net, manager, canaries);
    }
    PerSampleGradients g = net.perSampleGradients(x, y);
    return canaries == null ? g : g.withCanaries(canaries);
  }

  /** {@link #perSampleGradients(DpNetwork, NDArray, NDArray)} of this step's batch on its network. */
  public PerSampleGradients perSampleGradients() {
    return perSampleGradients(network, inputs, labels);
  }

  /**
   * The released parameters grouped by layer (layers with parameters, in order), the audit tensor
   * with the last group: what per-layer schemes clip and noise together.
   */
  public List<List<Parameter>> parametersByLayer() {
    List<List<Parameter>> out = new ArrayList<>();
    int model = 0;
    for (DpLayer l : network.layers()) {
      if (!l.parameters().isEmpty()) {
        out.add(new ArrayList<>(l.parameters()));
        model += l.parameters().size();
      }
    }
    if (!out.isEmpty()) {
      out.get(out.size() - 1).addAll(parameters.subList(model, parameters.size()));
    }
    return out;
  }
}
