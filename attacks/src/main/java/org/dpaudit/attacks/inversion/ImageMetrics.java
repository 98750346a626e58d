package org.dpaudit.attacks.inversion;

/**
 * Image similarity for judging reconstructions: mean squared error and SSIM (Wang et al. 2004),
 * on images of shape (channels, height, width) with values in [0, 1].
 *
 * <pre>
 * SSIM(x, y) = (2 mu_x mu_y + C1)(2 s_xy + C2) / ((mu_x^2 + mu_y^2 + C1)(s_x^2 + s_y^2 + C2))
 *              over 7x7 windows, averaged over windows and channels; C1 = 0.01^2, C2 = 0.03^2
 * </pre>
 */
public final class ImageMetrics {
  static final int WINDOW = 7;
  static final double C1 = 0.01 * 0.01;
  static final double C2 = 0.03 * 0.03;

  private ImageMetrics() {}

  /** Mean squared difference. */
  public static double mse(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return s / a.length;
  }

  /** Mean SSIM over 7x7 windows and channels (images smaller than 7 use the whole image). */
  public static double ssim(float[] a, float[] b, int[] shape) {
    int c = shape[0];
    int h = shape[1];
    int w = shape[2];
    int win = Math.min(WINDOW, Math.min(h, w));
    double total = 0;
    int count = 0;
    for (int ch = 0; ch < c; ch++) {
      for (int y = 0; y + win <= h; y++) {
        for (int x = 0; x + win <= w; x++) {
          total += window(a, b, ch * h * w, w, y, x, win);
          count++;
        }
      }
    }
    return total / count;
  }

  private static double window(float[] a, float[] b, int base, int w, int y0, int x0, int win) {
    double ma = 0;
    double mb = 0;
    int n = win * win;
    for (int y = y0; y < y0 + win; y++) {
      for (int x = x0; x < x0 + win; x++) {
        ma += a[base + y * w + x];
        mb += b[base + y * w + x];
      }
    }
    ma /= n;
    mb /= n;
    double va = 0;
    double vb = 0;
    double cov = 0;
    for (int y = y0; y < y0 + win; y++) {
      for (int x = x0; x < x0 + win; x++) {
        double da = a[base + y * w + x] - ma;
        double db = b[base + y * w + x] - mb;
        va += da * da;
        vb += db * db;
        cov += da * db;
      }
    }
    va /= n - 1;
    vb /= n - 1;
    cov /= n - 1;
    return (2 * ma * mb + C1) * (2 * cov + C2) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
  }
}
