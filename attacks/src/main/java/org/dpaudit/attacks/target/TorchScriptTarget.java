package org.dpaudit.attacks.target;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.trainers.engine.Engines;

/**
 * A model trained elsewhere, saved as TorchScript ({@code torch.jit.save}), loaded offline through
 * DJL's PyTorch engine: black-box outputs and, through autograd, input gradients.
 *
 * <p>Contract for the file: input a float tensor with a batch axis, in one of the layouts {@link
 * ModelInput} names (found by probing, or given), values as dpaudit's readers give them ([0, 1] for
 * images, raw features for tables) unless a standardisation is given; output one tensor (B, K) of
 * logits, log-probabilities or probabilities.
 */
public final class TorchScriptTarget extends ExternalModelTarget implements WhiteBoxTarget {
  private TorchScriptTarget(Model model, int classes, String file, ModelInput input) {
    super(model, classes, file, input, "TorchScript model " + Path.of(file).getFileName());
  }

  /** Loads {@code file} (a TorchScript {@code .pt}) for {@code classes} classes; the input is probed on first use. */
  public static TorchScriptTarget load(Path file, int classes, Device device) {
    return load(file, classes, device, ModelInput.probe(), file.toString());
  }

  /**
   * Loads {@code file} for {@code classes} classes, fed as {@code input}; errors name {@code
   * shownAs} (the user's file, when {@code file} is a copy).
   */
  public static TorchScriptTarget load(Path file, int classes, Device device, ModelInput input, String shownAs) {
    Engines.engine();
    Model m = Model.newInstance("torchscript", device, Engines.ENGINE_NAME);
    String name = file.getFileName().toString().replaceFirst("\\.pt$", "");
    try {
      // trainParam: load the weights as ordinary tensors, not inference tensors, so gradients with
      // respect to the input can flow through them (white-box inversion needs that).
      m.load(file.toAbsolutePath().getParent(), name, Map.of("trainParam", "true"));
    } catch (IOException | MalformedModelException | RuntimeException e) {
      m.close();
      throw new InvalidInputException(shownAs + ": not a loadable TorchScript model (" + reason(e) + ")");
    }
    return new TorchScriptTarget(m, classes, shownAs, input);
  }

  private static String reason(Exception e) {
    return e instanceof RuntimeException r ? ExternalModelTarget.reason(r) : String.valueOf(e.getMessage());
  }

  /**
   * The module's forward through the IValue API: DJL's block forward runs inference-only (no
   * graph) unless asked to train, and training mode would also switch the module's dropout and
   * batch-norm behaviour; this keeps the module as it is and records the graph.
   */
  private NDArray differentiableForward(NDArray x, int[] exampleShape) {
    ModelInput in = input();
    NDArray fed = in.normalization() == null ? x : in.normalization().apply(x, exampleShape);
    // A run imported before layouts were recorded: fed as the dataset's examples, as then.
    int[] layout = in.shape() == null ? exampleShape : in.shape().stream().mapToInt(Integer::intValue).toArray();
    long[] dims = new long[layout.length + 1];
    dims[0] = x.getShape().get(0);
    for (int i = 0; i < layout.length; i++) {
      dims[i + 1] = layout[i];
    }
    PtSymbolBlock block = (PtSymbolBlock) model.getBlock();
    // isTrain = true only lifts the no-grad guard here; the module's own train/eval switch is
    // flipped by PtSymbolBlock.forwardInternal, which this bypasses.
    NDArray y;
    try {
      y = IValueUtils.forward(block, new NDList(fed.reshape(new Shape(dims))), true).get(0);
    } catch (InvalidInputException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InvalidInputException(file + ": the model failed on inputs of shape " + new Shape(dims) + " ("
          + ExternalModelTarget.reason(e) + ")");
    }
    checkOutput(y.getShape(), (int) dims[0]);
    NDArray z = y.toType(DataType.FLOAT32, false);
    return in.output() == OutputKind.PROBABILITIES ? z.maximum(Float.MIN_NORMAL).log() : z;
  }

  @Override
  public Gradient logProbabilityGradient(float[] inputs, int[] exampleShape, int[] targetClasses) {
    return LogProbabilityGradients.compute(model.getNDManager(), x -> differentiableForward(x, exampleShape), classes,
        inputs, exampleShape, targetClasses);
  }
}
