package org.dpaudit.attacks.target;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.trainers.engine.Engines;
import org.dpaudit.trainers.loop.Evaluator;

/**
 * A model trained elsewhere, saved as TorchScript ({@code torch.jit.save}), loaded offline through
 * DJL's PyTorch engine: black-box outputs and, through autograd, input gradients.
 *
 * <p>Contract for the file: input a float tensor of the dataset's example shape with a batch axis,
 * values as dpaudit's readers give them ([0, 1] for images, raw features for tables); output one
 * tensor (B, K) of logits or log-probabilities.
 */
public final class TorchScriptTarget implements WhiteBoxTarget {
  private static final int CHUNK = 500;

  private final Model model;
  private final int classes;
  private final String description;

  private TorchScriptTarget(Model model, int classes, String description) {
    this.model = model;
    this.classes = classes;
    this.description = description;
  }

  /** Loads {@code file} (a TorchScript {@code .pt}) for {@code classes} classes on {@code device}. */
  public static TorchScriptTarget load(Path file, int classes, Device device) {
    Engines.engine();
    Model m = Model.newInstance("torchscript", device, Engines.ENGINE_NAME);
    String name = file.getFileName().toString().replaceFirst("\\.pt$", "");
    try {
      // trainParam: load the weights as ordinary tensors, not inference tensors, so gradients with
      // respect to the input can flow through them (white-box inversion needs that).
      m.load(file.toAbsolutePath().getParent(), name, java.util.Map.of("trainParam", "true"));
    } catch (IOException | MalformedModelException | RuntimeException e) {
      m.close();
      throw new InvalidInputException(file + ": not a loadable TorchScript model (" + e.getMessage() + ")");
    }
    return new TorchScriptTarget(m, classes, "TorchScript model " + file.getFileName());
  }

  private NDArray forward(NDArray x) {
    NDList out = model.getBlock().forward(new ParameterStore(model.getNDManager(), false), new NDList(x), false);
    NDArray y = out.singletonOrThrow();
    if (y.getShape().dimension() != 2 || y.getShape().get(1) != classes) {
      throw new InvalidInputException("the TorchScript model returned shape " + y.getShape() + ", expected (batch, "
          + classes + ") logits");
    }
    return y.toType(DataType.FLOAT32, false);
  }

  /**
   * The module's forward through the IValue API: DJL's block forward runs inference-only (no
   * graph) unless asked to train, and training mode would also switch the module's dropout and
   * batch-norm behaviour; this keeps the module as it is and records the graph.
   */
  private NDArray differentiableForward(NDArray x) {
    PtSymbolBlock block = (PtSymbolBlock) model.getBlock();
    // isTrain = true only lifts the no-grad guard here; the module's own train/eval switch is
    // flipped by PtSymbolBlock.forwardInternal, which this bypasses.
    NDArray y = IValueUtils.forward(block, new NDList(x), true).singletonOrThrow();
    if (y.getShape().dimension() != 2 || y.getShape().get(1) != classes) {
      throw new InvalidInputException("the TorchScript model returned shape " + y.getShape() + ", expected (batch, "
          + classes + ") logits");
    }
    return y.toType(DataType.FLOAT32, false);
  }

  @Override
  public float[] logits(Dataset data, int[] idx) {
    float[] out = new float[idx.length * classes];
    NDManager m = model.getNDManager();
    for (int from = 0; from < idx.length; from += CHUNK) {
      int to = Math.min(idx.length, from + CHUNK);
      try (NDScope scope = new NDScope()) {
        int[] part = java.util.Arrays.copyOfRange(idx, from, to);
        float[] z = forward(Evaluator.batch(m, data, part)).toFloatArray();
        System.arraycopy(z, 0, out, from * classes, z.length);
      }
    }
    return out;
  }

  @Override
  public Gradient logProbabilityGradient(float[] inputs, int[] exampleShape, int[] targetClasses) {
    return LogProbabilityGradients.compute(model.getNDManager(), this::differentiableForward, classes, inputs,
        exampleShape, targetClasses);
  }

  @Override
  public int numClasses() {
    return classes;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    model.close();
  }
}
