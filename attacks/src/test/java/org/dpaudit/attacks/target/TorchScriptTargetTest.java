package org.dpaudit.attacks.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.datasets.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TorchScript model made by PyTorch (the fixture's generator sits beside it) loads offline
 * through DJL and computes what its weights say: logits and input gradients are checked against a
 * computation in Java from the same formula.
 */
class TorchScriptTargetTest {
  @TempDir Path dir;

  static double weight(int c, int j) {
    return Math.sin(0.01 * (c + 1) * (j + 1)) / 10;
  }

  private Path fixture() throws IOException {
    return fixture("linear-mnist.pt");
  }

  private Path fixture(String name) throws IOException {
    Path f = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/org/dpaudit/attacks/target/" + name)) {
      Files.copy(in, f);
    }
    return f;
  }

  @Test
  void modelsAreQueriedInEvalMode_dropoutOff() throws IOException {
    Dataset d = inputs();
    try (TorchScriptTarget t = TorchScriptTarget.load(fixture("dropout-mnist.pt"), 10, Device.cpu())) {
      float[] a = t.logits(d, new int[] {0, 1, 2});
      float[] b = t.logits(d, new int[] {0, 1, 2});
      org.junit.jupiter.api.Assertions.assertArrayEquals(a, b);
      var g1 = t.logProbabilityGradient(d.example(0), new int[] {1, 28, 28}, new int[] {3});
      var g2 = t.logProbabilityGradient(d.example(0), new int[] {1, 28, 28}, new int[] {3});
      org.junit.jupiter.api.Assertions.assertArrayEquals(g1.inputGradients(), g2.inputGradients());
      float[] c = t.logits(d, new int[] {0, 1, 2});
      org.junit.jupiter.api.Assertions.assertArrayEquals(a, c, "still eval mode after a gradient");
    }
  }

  private static Dataset inputs() {
    float[] x = new float[3 * 784];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i * 37 % 101) / 101f;
    }
    return new Dataset("x", x, new int[] {1, 2, 3}, new int[] {1, 28, 28},
        List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
  }

  @Test
  void logits_matchTheWeightFormula() throws IOException {
    Dataset d = inputs();
    try (TorchScriptTarget t = TorchScriptTarget.load(fixture(), 10, Device.cpu())) {
      float[] z = t.logits(d, new int[] {0, 2});
      int[] rows = {0, 2};
      for (int r = 0; r < 2; r++) {
        float[] x = d.example(rows[r]);
        for (int c = 0; c < 10; c++) {
          double expected = (c - 4.5) / 10;
          for (int j = 0; j < 784; j++) {
            expected += weight(c, j) * x[j];
          }
          assertEquals(expected, z[r * 10 + c], 1e-4, "row " + r + " class " + c);
        }
      }
    }
  }

  @Test
  void inputGradient_isTheSoftmaxWeightedWeightDifference() throws IOException {
    Dataset d = inputs();
    try (TorchScriptTarget t = TorchScriptTarget.load(fixture(), 10, Device.cpu())) {
      float[] x = d.example(1);
      float[] z = t.logits(d, new int[] {1});
      double max = Double.NEGATIVE_INFINITY;
      for (float v : z) {
        max = Math.max(max, v);
      }
      double[] p = new double[10];
      double sum = 0;
      for (int c = 0; c < 10; c++) {
        p[c] = Math.exp(z[c] - max);
        sum += p[c];
      }
      WhiteBoxTarget.Gradient g = t.logProbabilityGradient(x, new int[] {1, 28, 28}, new int[] {7});
      for (int j : new int[] {0, 100, 783}) {
        double expected = weight(7, j);
        for (int c = 0; c < 10; c++) {
          expected -= p[c] / sum * weight(c, j);
        }
        assertEquals(expected, g.inputGradients()[j], 1e-5, "pixel " + j);
      }
      assertTrue(g.logProbabilities()[0] < 0);
    }
  }

  @Test
  void notTorchScript_isAOneLineInputError() throws IOException {
    Path junk = Files.writeString(dir.resolve("junk.pt"), "not a model");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> TorchScriptTarget.load(junk, 10, Device.cpu()));
    assertTrue(e.getMessage().startsWith(junk + ": not a loadable TorchScript model"), e.getMessage());
  }
}
