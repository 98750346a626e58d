package org.dpaudit.core.accounting;

import org.jtransforms.fft.DoubleFFT_1D;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * Linear convolution of two probability vectors by real FFT (JTransforms), with an explicit
 * allowance for round-off.
 *
 * <h2>Implementation notes</h2>
 * Why JTransforms rather than Commons Math's {@code FastFourierTransformer}: Commons Math builds its
 * twiddle factors by repeated multiplication, so their error grows with the length N (measured:
 * 1e-10 at N = 2^22), and a T-fold composition multiplies each convolution's error by up to T.
 * JTransforms tabulates every twiddle from {@code cos}/{@code sin}, so its error is the textbook
 * O(u log2 N) (measured 180 times smaller at N = 2^15), and its real transforms are about 5 times
 * faster at N = 2^22. It runs single-threaded here (set once, below): results do not depend on the
 * machine's core count, and a shared machine is not flooded.
 *
 * <p>Round-off allowance (see {@link #roundOffAllowance}). For an FFT with accurate twiddles the
 * computed transform has error {@code O(u log2 N)} relative to the 2-norm (u = 2^-52; Higham,
 * Accuracy and Stability of Numerical Algorithms, 2nd ed., Thm 24.2); a convolution's error is then
 * of order {@code u log2(N) (||a||_2 + ||b||_2 + ||c||_2)} in the 2-norm, and at most sqrt(N) times
 * that in the 1-norm, which is what can change a hockey-stick divergence. The allowance is
 * {@code 2 u log2(N) sqrt(N) (||a||_2 + ||b||_2 + ||c||_2)}: on privacy-loss distributions (subsampled
 * and plain Gaussian, grids of 2^13 to 2^17 points) the measured 1-norm error against a direct
 * summation was at most 0.14 of this form with constant 1, so the allowance is at least 14 times the
 * largest error seen ({@code FftConvolutionTest} keeps checking it). The theorem's constants, taken
 * literally, would give an allowance about 25 times larger, which after 10^4 compositions (errors
 * double with each squaring) would cost several percent of a delta of 1e-5 for no real safety. The
 * PLD accountant adds the allowance to the infinite-loss mass after every convolution, so round-off
 * can raise its epsilon but not lower it. Negative outputs (pure round-off) are set to zero, which
 * only adds mass and is pessimistic too.
 */
final class FftConvolution {
  /** The largest transform used (2^22 points: about 100 MiB of working arrays); larger inputs throw. */
  static final int MAX_FFT_SIZE = 1 << 22;

  /** The constant of the round-off allowance: 14 times the largest measured error (class comment). */
  static final double ALLOWANCE_FACTOR = 2;

  private static final ThreadLocal<Plan> LAST_PLAN = new ThreadLocal<>();

  static {
    ConcurrencyUtils.setNumberOfThreads(1);
  }

  private FftConvolution() {}

  /** A result and the bound on its summed absolute round-off. */
  record Result(double[] values, double allowance) {}

  /** Thrown when a convolution would need more than {@link #MAX_FFT_SIZE} points. */
  static final class TooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooLargeException(long size) {
      super("a convolution of " + size + " points is larger than " + MAX_FFT_SIZE, null, false, false);
    }
  }

  private record Plan(int size, DoubleFFT_1D fft) {}

  /** The transform length used to convolve vectors of these lengths: the next power of two. */
  static int fftSize(int lengthA, int lengthB) {
    long needed = (long) lengthA + lengthB - 1;
    if (needed > MAX_FFT_SIZE) {
      throw new TooLargeException(needed);
    }
    int n = 2;
    while (n < needed) {
      n <<= 1;
    }
    return n;
  }

  /**
   * The allowance for the summed absolute round-off of one convolution through an N-point transform:
   * {@code 2 u log2(N) sqrt(N) (||a||_2 + ||b||_2 + ||c||_2)} (see the class comment).
   */
  static double roundOffAllowance(int fftSize, double normA, double normB, double normC) {
    double log2n = Math.max(1, 31 - Integer.numberOfLeadingZeros(fftSize));
    return ALLOWANCE_FACTOR * Math.ulp(1.0) * log2n * Math.sqrt(fftSize) * (normA + normB + normC);
  }

  /** {@code a * b}, of length {@code a.length + b.length - 1}, negatives set to zero. */
  static Result convolve(double[] a, double[] b) {
    int n = fftSize(a.length, b.length);
    DoubleFFT_1D fft = plan(n);
    double[] x = java.util.Arrays.copyOf(a, n);
    double[] y = java.util.Arrays.copyOf(b, n);
    fft.realForward(x);
    fft.realForward(y);
    // Packed layout: x[0] = Re(0), x[1] = Re(n/2), then (Re(k), Im(k)) at (2k, 2k+1) for 0 < k < n/2.
    x[0] *= y[0];
    x[1] *= y[1];
    for (int k = 2; k < n; k += 2) {
      double re = x[k] * y[k] - x[k + 1] * y[k + 1];
      double im = x[k] * y[k + 1] + x[k + 1] * y[k];
      x[k] = re;
      x[k + 1] = im;
    }
    fft.realInverse(x, true);
    return finish(x, a.length + b.length - 1, n, norm(a), norm(b));
  }

  /** {@code a * a}, with one forward transform. */
  static Result square(double[] a) {
    int n = fftSize(a.length, a.length);
    DoubleFFT_1D fft = plan(n);
    double[] x = java.util.Arrays.copyOf(a, n);
    fft.realForward(x);
    x[0] *= x[0];
    x[1] *= x[1];
    for (int k = 2; k < n; k += 2) {
      double re = x[k] * x[k] - x[k + 1] * x[k + 1];
      double im = 2 * x[k] * x[k + 1];
      x[k] = re;
      x[k + 1] = im;
    }
    fft.realInverse(x, true);
    double na = norm(a);
    return finish(x, 2 * a.length - 1, n, na, na);
  }

  private static Result finish(double[] x, int length, int n, double normA, double normB) {
    double[] out = new double[length];
    for (int i = 0; i < length; i++) {
      out[i] = Math.max(0, x[i]);
    }
    return new Result(out, roundOffAllowance(n, normA, normB, norm(out)));
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  private static DoubleFFT_1D plan(int n) {
    Plan p = LAST_PLAN.get();
    if (p == null || p.size != n) {
      p = new Plan(n, new DoubleFFT_1D(n));
      LAST_PLAN.set(p);
    }
    return p.fft;
  }
}
