package org.dpaudit.attacks.target;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Path;
import org.dpaudit.core.InvalidInputException;

/**
 * A model trained elsewhere and exported to ONNX ({@code torch.onnx.export}, {@code tf2onnx}),
 * run through DJL's ONNX Runtime engine. Black box only: ONNX Runtime computes no gradients, so
 * white-box attacks (inversion's input gradients) need the TorchScript export of the same model.
 *
 * <p>Contract for the file: one float input with a batch axis (exported with a dynamic batch
 * dimension), in one of the layouts {@link ModelInput} names; the first output is (B, K) logits,
 * log-probabilities or probabilities.
 */
public final class OnnxTarget extends ExternalModelTarget {
  /** DJL's name for the ONNX Runtime engine. */
  public static final String ENGINE_NAME = "OnnxRuntime";

  private OnnxTarget(Model model, int classes, String file, ModelInput input) {
    super(model, classes, file, input, "ONNX model " + Path.of(file).getFileName());
  }

  /**
   * Loads {@code file} (an {@code .onnx}) for {@code classes} classes, fed as {@code input}, on the
   * CPU; errors name {@code shownAs} (the user's file, when {@code file} is a copy).
   */
  public static OnnxTarget load(Path file, int classes, ModelInput input, String shownAs) {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    Model m;
    try {
      Engine.getEngine(ENGINE_NAME);
      m = Model.newInstance("onnx", Device.cpu(), ENGINE_NAME); // the ONNX Runtime jar is CPU-only
    } catch (RuntimeException e) {
      throw new InvalidInputException("the ONNX Runtime engine cannot start here (" + reason(e) + ")");
    }
    String name = file.getFileName().toString().replaceFirst("\\.onnx$", "");
    try {
      m.load(file.toAbsolutePath().getParent(), name);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      m.close();
      String why = e instanceof RuntimeException r ? reason(r) : String.valueOf(e.getMessage());
      throw new InvalidInputException(shownAs + ": not a loadable ONNX model (" + why + ")");
    }
    return new OnnxTarget(m, classes, shownAs, input);
  }
}
