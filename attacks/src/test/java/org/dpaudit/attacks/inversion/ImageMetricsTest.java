package org.dpaudit.attacks.inversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageMetricsTest {
  private static float[] ramp(int n, float scale) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = scale * (i % 17) / 17f;
    }
    return a;
  }

  @Test
  void identicalImages_haveSsimOneAndMseZero() {
    float[] a = ramp(28 * 28, 1f);
    assertEquals(1.0, ImageMetrics.ssim(a, a.clone(), new int[] {1, 28, 28}), 1e-12);
    assertEquals(0.0, ImageMetrics.mse(a, a.clone()));
  }

  @Test
  void mse_isTheMeanSquaredDifference() {
    assertEquals((1 + 4) / 2.0, ImageMetrics.mse(new float[] {0, 0}, new float[] {1, 2}), 1e-12);
  }

  @Test
  void ssim_dropsForDifferentImages_andIsSymmetric() {
    float[] a = ramp(28 * 28, 1f);
    float[] b = ramp(28 * 28, 0.3f);
    double s = ImageMetrics.ssim(a, b, new int[] {1, 28, 28});
    assertTrue(s < 0.99, "ssim " + s);
    assertEquals(s, ImageMetrics.ssim(b, a, new int[] {1, 28, 28}), 1e-12);
  }

  @Test
  void tvGradient_matchesFiniteDifferences() {
    float[] x = ramp(5 * 6, 0.8f);
    x[7] = 0.9f;
    int[] shape = {1, 5, 6};
    double[] g = ModelInversion.tvGradient(x, shape, 1);
    for (int i : new int[] {0, 7, 13, 29}) {
      float[] up = x.clone();
      float[] down = x.clone();
      double h = 1e-3;
      up[i] += (float) h;
      down[i] -= (float) h;
      double numeric = (tv(up, 5, 6) - tv(down, 5, 6)) / (up[i] - down[i]);
      assertEquals(numeric, g[i], 2e-2 * Math.max(1, Math.abs(numeric)), "pixel " + i);
    }
  }

  private static double tv(float[] x, int h, int w) {
    double t = 0;
    for (int y = 0; y < h; y++) {
      for (int xx = 0; xx < w; xx++) {
        if (xx + 1 < w) {
          double d = x[y * w + xx + 1] - x[y * w + xx];
          t += Math.sqrt(d * d + ModelInversion.TV_EPSILON);
        }
        if (y + 1 < h) {
          double d = x[(y + 1) * w + xx] - x[y * w + xx];
          t += Math.sqrt(d * d + ModelInversion.TV_EPSILON);
        }
      }
    }
    return t;
  }
}
