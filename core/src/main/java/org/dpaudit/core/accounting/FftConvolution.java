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
  /** How many of each input's largest values are convolved directly rather than by FFT. */
  static final int HEAD_SIZE = 16;
  /**
   * Relative error bound of the direct part: each output adds at most 2 HEAD_SIZE products of
   * non-negative numbers to the FFT part, so its relative error is below (2 HEAD_SIZE + 3) u.
   */
  static final double DIRECT_RELATIVE_ERROR = (2 * HEAD_SIZE + 3) * Math.ulp(1.0);

  /**
   * The last few transform plans per thread, by size (building one costs about as much as a
   * transform, and self-composition alternates between two or three sizes); soft, so they never pin
   * memory.
   */
  private static final ThreadLocal<java.util.Map<Integer, java.lang.ref.SoftReference<DoubleFFT_1D>>> PLANS =
      ThreadLocal.withInitial(() -> new java.util.LinkedHashMap<>(8, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Integer, java.lang.ref.SoftReference<DoubleFFT_1D>> e) {
          return size() > 4;
        }
      });

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

  /**
   * {@code a * b}, of length {@code a.length + b.length - 1}, negatives set to zero.
   *
   * <p>When an input has a spike (its {@value #HEAD_SIZE} largest values hold most of its squared
   * 2-norm, e.g. the mass near loss 0 that a small sampling rate leaves), those values are convolved
   * directly and only the remainders through the FFT: {@code a * b = ha * b + hb * ta + ta * tb}.
   * FFT error scales with the 2-norm of what is transformed, so this shrinks the round-off (and its
   * allowance) by orders of magnitude for spiky distributions, for {@code HEAD_SIZE (|a| + |b|)}
   * extra multiplications.
   */
  static Result convolve(double[] a, double[] b) {
    int length = a.length + b.length - 1;
    int n = fftSize(a.length, b.length);
    int[] headA = head(a);
    int[] headB = a == b ? headA : head(b);
    double[] ta = without(a, headA);
    double[] tb = a == b ? ta : without(b, headB);
    double[] c = fftConvolve(ta, tb, n, length);
    double fftAllowance = roundOffAllowance(n, norm(ta), norm(tb), norm(c));
    addDirect(c, a, headA, b);
    addDirect(c, b, headB, ta);
    boolean direct = headA.length + headB.length > 0;
    double allowance = fftAllowance + (direct ? DIRECT_RELATIVE_ERROR * sumAbs(c) : 0);
    for (int i = 0; i < length; i++) {
      c[i] = Math.max(0, c[i]);
    }
    return new Result(c, allowance);
  }

  /** {@code a * a}: the same as {@code convolve(a, a)}, with one forward transform. */
  static Result square(double[] a) {
    return convolve(a, a);
  }

  /** The linear convolution of {@code x0} and {@code y0} through N-point real transforms. */
  private static double[] fftConvolve(double[] x0, double[] y0, int n, int length) {
    DoubleFFT_1D fft = plan(n);
    double[] x = java.util.Arrays.copyOf(x0, n);
    fft.realForward(x);
    double[] y = x;
    if (x0 != y0) {
      y = java.util.Arrays.copyOf(y0, n);
      fft.realForward(y);
    }
    // Packed layout: x[0] = Re(0), x[1] = Re(n/2), then (Re(k), Im(k)) at (2k, 2k+1) for 0 < k < n/2.
    double[] z = new double[n];
    z[0] = x[0] * y[0];
    z[1] = x[1] * y[1];
    for (int k = 2; k < n; k += 2) {
      z[k] = x[k] * y[k] - x[k + 1] * y[k + 1];
      z[k + 1] = x[k] * y[k + 1] + x[k + 1] * y[k];
    }
    fft.realInverse(z, true);
    return java.util.Arrays.copyOf(z, length);
  }

  /** Adds the direct convolution of {@code v} restricted to {@code head} with {@code w} into {@code c}. */
  private static void addDirect(double[] c, double[] v, int[] head, double[] w) {
    for (int j : head) {
      double vj = v[j];
      if (vj != 0) {
        for (int i = 0; i < w.length; i++) {
          c[j + i] += vj * w[i];
        }
      }
    }
  }

  /**
   * The indices of the {@value #HEAD_SIZE} largest values when they hold at least half of the
   * squared 2-norm (a spike worth convolving directly); otherwise none.
   */
  private static int[] head(double[] v) {
    int k = Math.min(HEAD_SIZE, v.length);
    int[] heap = new int[k]; // min-heap of indices, by value
    int size = 0;
    double normSq = 0;
    for (int i = 0; i < v.length; i++) {
      normSq += v[i] * v[i];
      if (size < k) {
        heap[size] = i;
        siftUp(heap, size++, v);
      } else if (v[i] > v[heap[0]]) {
        heap[0] = i;
        siftDown(heap, size, v);
      }
    }
    double headSq = 0;
    for (int j = 0; j < size; j++) {
      headSq += v[heap[j]] * v[heap[j]];
    }
    return headSq >= 0.5 * normSq ? java.util.Arrays.copyOf(heap, size) : new int[0];
  }

  private static void siftUp(int[] heap, int i, double[] v) {
    while (i > 0 && v[heap[(i - 1) / 2]] > v[heap[i]]) {
      swap(heap, i, (i - 1) / 2);
      i = (i - 1) / 2;
    }
  }

  private static void siftDown(int[] heap, int size, double[] v) {
    int i = 0;
    while (true) {
      int smallest = i;
      int l = 2 * i + 1;
      int r = l + 1;
      if (l < size && v[heap[l]] < v[heap[smallest]]) {
        smallest = l;
      }
      if (r < size && v[heap[r]] < v[heap[smallest]]) {
        smallest = r;
      }
      if (smallest == i) {
        return;
      }
      swap(heap, i, smallest);
      i = smallest;
    }
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }

  private static double[] without(double[] v, int[] head) {
    double[] t = v.clone();
    for (int j : head) {
      t[j] = 0;
    }
    return t;
  }

  private static double sumAbs(double[] v) {
    double s = 0;
    for (double x : v) {
      s += Math.abs(x);
    }
    return s;
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  private static DoubleFFT_1D plan(int n) {
    java.util.Map<Integer, java.lang.ref.SoftReference<DoubleFFT_1D>> plans = PLANS.get();
    java.lang.ref.SoftReference<DoubleFFT_1D> ref = plans.get(n);
    DoubleFFT_1D fft = ref == null ? null : ref.get();
    if (fft == null) {
      fft = new DoubleFFT_1D(n);
      plans.put(n, new java.lang.ref.SoftReference<>(fft));
    }
    return fft;
  }
}
