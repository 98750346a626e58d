package org.dpaudit.attacks.target;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dpaudit.core.InvalidInputException;

/**
 * How an imported model takes its input and gives its output: the shape of one example as the
 * model wants it (the dataset's examples are reshaped to it: same values, same order), the
 * standardisation it was trained with, and what its output row is. Recorded in the imported run,
 * so attacks query the model exactly as the import checked it.
 *
 * @param shape one example's shape as the model takes it, e.g. {@code [784]}; null until probed
 * @param normalization per-channel standardisation, or null for none
 * @param output what the output row is; null until told from the values
 */
public record ModelInput(List<Integer> shape, Normalization normalization, OutputKind output) {
  public ModelInput {
    shape = shape == null ? null : List.copyOf(shape);
    if (shape != null && (shape.isEmpty() || shape.stream().anyMatch(d -> d < 1))) {
      throw new InvalidInputException("--input-shape needs positive dimensions, e.g. 784 or 1,28,28; got " + shape);
    }
  }

  /** Nothing said: probe the layout, no standardisation, output told from the values. */
  public static ModelInput probe() {
    return new ModelInput(null, null, null);
  }

  /** Parses {@code --input-shape} ({@code 784}, {@code 1,28,28}; a leading batch {@code N,} is dropped). */
  public static List<Integer> parseShape(String text) {
    List<Integer> dims = new ArrayList<>();
    String[] parts = text.split(",");
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].strip();
      if (i == 0 && parts.length > 1 && (p.equalsIgnoreCase("n") || p.equals("-1"))) {
        continue;
      }
      try {
        dims.add(Integer.parseInt(p));
      } catch (NumberFormatException e) {
        throw new InvalidInputException("--input-shape takes the dimensions of one example, e.g. 784 or 1,28,28; got '"
            + text + "'");
      }
    }
    return dims;
  }

  /** The layouts to try for examples of {@code exampleShape}: as given, or the natural ones. */
  List<int[]> candidates(int[] exampleShape) {
    int size = Arrays.stream(exampleShape).reduce(1, (a, b) -> a * b);
    if (shape != null) {
      int[] s = shape.stream().mapToInt(Integer::intValue).toArray();
      int given = Arrays.stream(s).reduce(1, (a, b) -> a * b);
      if (given != size) {
        throw new InvalidInputException("--input-shape " + shape + " holds " + given + " values per example; the "
            + "dataset's examples hold " + size + " " + Arrays.toString(exampleShape));
      }
      return List.of(s);
    }
    List<int[]> out = new ArrayList<>();
    out.add(exampleShape.clone()); // [C, H, W]
    if (exampleShape.length == 3 && exampleShape[0] == 1) {
      out.add(new int[] {exampleShape[1], exampleShape[2]}); // [H, W]
    }
    if (exampleShape.length > 1) {
      out.add(new int[] {size}); // [C*H*W]
    }
    return out;
  }

  /** This input with the shape and output kind the probe found. */
  ModelInput resolved(int[] layout, OutputKind kind) {
    return new ModelInput(Arrays.stream(layout).boxed().toList(), normalization, kind);
  }

  /** {@code [N, ...]} for messages. */
  static String batchShape(int[] layout) {
    StringBuilder b = new StringBuilder("[N");
    for (int d : layout) {
      b.append(", ").append(d);
    }
    return b.append(']').toString();
  }
}
