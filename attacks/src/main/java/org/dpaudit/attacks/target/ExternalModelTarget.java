package org.dpaudit.attacks.target;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.datasets.Dataset;

/**
 * A model trained elsewhere (TorchScript, ONNX), queried through a DJL engine as a black box: the
 * dataset's examples are standardised when asked, reshaped to the layout the model takes, and its
 * output rows read as logits. The engines' exceptions (a wrong input shape is the usual one) end
 * here as one-line input errors that say what was fed and which option fixes it.
 */
public abstract class ExternalModelTarget implements Target {
  /** Examples per forward pass. */
  static final int CHUNK = 500;
  /** Examples the layout probe feeds (two, so a model exported for a batch of one is caught). */
  static final int PROBE_EXAMPLES = 2;

  final Model model;
  final int classes;
  final String file;
  private final String description;
  private ModelInput input;

  ExternalModelTarget(Model model, int classes, String file, ModelInput input, String description) {
    this.model = model;
    this.classes = classes;
    this.file = file;
    this.input = input;
    this.description = description;
  }

  /** The engine's forward pass (no graph). */
  NDArray forward(NDArray x) {
    NDList out = model.getBlock().forward(new ParameterStore(model.getNDManager(), false), new NDList(x), false);
    return out.get(0);
  }

  /** The input as resolved by {@link #probe} (or as given). */
  public ModelInput input() {
    return input;
  }

  /**
   * Finds the layout the model accepts for the dataset's examples (the given one, or {@code [C,
   * H, W]}, {@code [H, W]}, {@code [C*H*W]} in that order) and, unless given, what its output row
   * is; from then on the target uses them.
   *
   * @throws InvalidInputException naming every shape tried when none works
   */
  public ModelInput probe(Dataset data) {
    int[] exampleShape = data.exampleShape();
    if (input.normalization() != null) {
      input.normalization().check(exampleShape);
    }
    int n = Math.min(PROBE_EXAMPLES, data.size());
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    List<String> tried = new ArrayList<>();
    String last = null;
    for (int[] layout : input.candidates(exampleShape)) {
      try {
        float[] raw = run(data, idx, layout);
        OutputKind kind = input.output() != null ? input.output() : OutputKind.detect(raw, classes);
        input = input.resolved(layout, kind);
        return input;
      } catch (RuntimeException e) {
        tried.add(ModelInput.batchShape(layout));
        last = ModelInput.batchShape(layout) + ": " + reason(e);
      }
    }
    for (int[] layout : input.candidates(exampleShape)) {
      try {
        run(data, new int[] {0}, layout);
        throw new InvalidInputException(file + ": the model takes only batches of one example (input "
            + ModelInput.batchShape(layout).replace("[N", "[1") + "); export it with a dynamic batch axis, e.g. "
            + "torch.onnx.export(..., dynamic_axes={'input': {0: 'batch'}, 'logits': {0: 'batch'}})");
      } catch (InvalidInputException e) {
        if (e.getMessage().contains("only batches of one")) {
          throw e;
        }
      } catch (RuntimeException e) {
        // not this layout either
      }
    }
    // The option comes before the engine's words: a long message is cut at its end.
    throw new InvalidInputException(file + ": the model accepts none of the input shapes tried (" + String.join(", ",
        tried) + "); give the shape of one example it expects with --input-shape (e.g. --input-shape "
        + Arrays.stream(exampleShape).reduce(1, (a, b) -> a * b) + " or --input-shape "
        + String.join(",", Arrays.stream(exampleShape).mapToObj(Integer::toString).toList()) + "); the engine said for "
        + last);
  }

  @Override
  public float[] logits(Dataset data, int[] idx) {
    if (input.shape() == null) {
      probe(data);
    }
    int[] layout = input.shape().stream().mapToInt(Integer::intValue).toArray();
    float[] out = new float[idx.length * classes];
    for (int from = 0; from < idx.length; from += CHUNK) {
      int to = Math.min(idx.length, from + CHUNK);
      float[] z;
      try {
        z = run(data, Arrays.copyOfRange(idx, from, to), layout);
      } catch (InvalidInputException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new InvalidInputException(file + ": the model failed on a batch of " + (to - from) + " inputs of shape "
            + ModelInput.batchShape(layout) + " (" + reason(e) + ")");
      }
      System.arraycopy(input.output().toLogits(z), 0, out, from * classes, z.length);
    }
    return out;
  }

  /** The raw output rows for {@code idx} fed as {@code layout}. */
  private float[] run(Dataset data, int[] idx, int[] layout) {
    float[] x = data.gatherFeatures(idx);
    if (input.normalization() != null) {
      input.normalization().apply(x, data.exampleShape());
    }
    long[] dims = new long[layout.length + 1];
    dims[0] = idx.length;
    for (int i = 0; i < layout.length; i++) {
      dims[i + 1] = layout[i];
    }
    try (NDScope scope = new NDScope(); NDManager batch = model.getNDManager().newSubManager()) {
      NDArray y = forward(batch.create(x, new Shape(dims)));
      checkOutput(y.getShape(), idx.length);
      if (y.getDataType() != DataType.FLOAT32) {
        y = y.toType(DataType.FLOAT32, false);
      }
      return y.toFloatArray();
    }
  }

  void checkOutput(Shape s, int batch) {
    if (s.dimension() != 2 || s.get(0) != batch || s.get(1) != classes) {
      throw new InvalidInputException(file + ": the model returned shape " + s + " for " + batch + " inputs; expected ("
          + batch + ", " + classes + "): one row of " + classes + " logits or probabilities per example");
    }
  }

  /**
   * The telling line of an engine's message, shortened: the last non-empty one (PyTorch puts the
   * traceback first and the error last, e.g. {@code RuntimeException: mat1 and mat2 shapes cannot
   * be multiplied (2x784 and 100x10)}), without the exception's class name.
   */
  static String reason(RuntimeException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
    String[] lines = m.split("\\R");
    String line = "";
    for (int i = lines.length - 1; i >= 0 && line.isEmpty(); i--) {
      line = lines[i].strip();
    }
    line = line.replaceFirst("^[A-Za-z_.]*(Exception|Error): ", "");
    return line.length() <= 160 ? line : line.substring(0, 157) + "...";
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
