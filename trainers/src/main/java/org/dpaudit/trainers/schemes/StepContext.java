package org.dpaudit.trainers.schemes;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.List;
import org.dpaudit.trainers.grad.DpNetwork;
import org.dpaudit.trainers.noise.NoiseSource;

/**
 * What a scheme sees of the current step besides the gradients.
 *
 * @param step the 0-based optimizer step
 * @param parameters the model's parameters (shapes, for noise and empty batches)
 * @param manager where this step's arrays live (closed at the end of the step)
 * @param noise the run's only noise source
 * @param expectedBatchSize q times the number of training examples: the divisor of the noisy sum
 * @param inputs the batch's inputs (B, ...), or null when the batch is empty; schemes that look at
 *     the data beyond its gradients (relevance-based budgets) must say so in their caveats
 * @param labels the batch's labels (B), or null when the batch is empty
 * @param network the model, for schemes that need more than per-example gradients (e.g. LRP)
 * @param batch the batch's positions in the training set (ascending, one per row of {@code inputs}),
 *     for schemes that split the batch by data partition (collaborative workers) or key noise by
 *     example; null when the caller does not know them
 */
public record StepContext(
    long step, List<Parameter> parameters, NDManager manager, NoiseSource noise, double expectedBatchSize,
    NDArray inputs, NDArray labels, DpNetwork network, int[] batch) {

  /** A context without the batch positions (schemes that need them refuse it). */
  public StepContext(long step, List<Parameter> parameters, NDManager manager, NoiseSource noise,
      double expectedBatchSize, NDArray inputs, NDArray labels, DpNetwork network) {
    this(step, parameters, manager, noise, expectedBatchSize, inputs, labels, network, null);
  }

  /** The number of trainable scalars. */
  public long parameterCount() {
    long n = 0;
    for (Parameter p : parameters) {
      n += p.getArray().size();
    }
    return n;
  }

  /** The number of examples in the batch (0 when it is empty). */
  public int batchSize() {
    return inputs == null ? 0 : Math.toIntExact(inputs.getShape().get(0));
  }
}
