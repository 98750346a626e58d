package org.dpaudit.trainers.noise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dpaudit.core.DpauditException;
import org.dpaudit.core.random.CounterStream;
import org.dpaudit.core.random.Randomness;

/**
 * The only code that makes DP noise: Gaussian and Laplace tensors on the model's device.
 *
 * <h2>Implementation notes</h2>
 * <ul>
 *   <li><b>Source.</b> Uniforms come from an AES-256-CTR keystream ({@link CounterStream}), keyed
 *       from a DRBG in secure mode (the default) or derived from the seed in seeded mode: the same
 *       code path either way. Never from the engine's generator, {@code Random.nextGaussian} or
 *       Commons Math distributions (the latter was reported floating-point-vulnerable for DP noise).
 *   <li><b>Transforms.</b> 53-bit uniforms in (0, 1]; Gaussian by Box-Muller and Laplace as the
 *       difference of two exponentials {@code ln(u1) - ln(u2)}, both in float64 on the engine. No
 *       {@code sign(u) ln(1 - 2|u|)}: a uniform that can hit -0.5 gives an infinity.
 *   <li><b>Floating point.</b> Noise is made and added in float64 and the noisy value rounded to
 *       float32, so the released value has a far coarser grid than the noise: the holes in the set
 *       of representable noise values that Mironov's 2012 attack reads (pure float noise added at
 *       full output precision) are averaged out by the rounding, as in his snapping mechanism. This
 *       is an engineering mitigation, not a proof; docs/ say so.
 *   <li><b>Speed.</b> The keystream does not depend on the data, so the next step's uniforms are
 *       made ahead on a background thread while the current step computes.
 * </ul>
 */
public final class NoiseSource implements AutoCloseable {
  private final CounterStream gaussianStream;
  private final CounterStream laplaceStream;
  private final ExecutorService prefetcher;
  private Future<double[]> pending;
  private String pendingKey;
  private volatile long lastUniformNanos;

  public NoiseSource(Randomness randomness) {
    this.gaussianStream = randomness.counterStream("noise/gaussian");
    this.laplaceStream = randomness.counterStream("noise/laplace");
    this.prefetcher = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "dpaudit-noise-prefetch");
      t.setDaemon(true);
      return t;
    });
  }

  /** {@code n} independent standard normal draws for step {@code step}, float64, on {@code m}'s device. */
  public NDArray standardGaussian(NDManager m, long step, long n) {
    int half = Math.toIntExact((n + 1) / 2);
    double[] u = uniforms(gaussianStream, "g", step, 2L * half);
    NDArray all = m.create(u, new Shape(2, half));
    NDArray radius = all.get(0).log().mul(-2).sqrt();
    NDArray angle = all.get(1).mul(2 * Math.PI);
    NDArray z = radius.mul(angle.cos()).concat(radius.mul(angle.sin()));
    return n == 2L * half ? z : z.get(new NDIndex("0:" + n));
  }

  /** {@code n} independent standard Laplace draws (scale 1) for step {@code step}, float64. */
  public NDArray standardLaplace(NDManager m, long step, long n) {
    double[] u = uniforms(laplaceStream, "l", step, 2 * n);
    NDArray all = m.create(u, new Shape(2, n));
    return all.get(0).log().sub(all.get(1).log());
  }

  /**
   * {@code grads} plus {@code std} times the standard noise {@code noise} (flat, float64), each
   * rounded to float32: one noise value per coordinate, taken in order.
   */
  public static NDList addNoise(NDList grads, NDArray noise, double std) {
    List<NDArray> out = new ArrayList<>();
    long offset = 0;
    for (NDArray g : grads) {
      long size = g.size();
      NDArray part = noise.get(new NDIndex(offset + ":" + (offset + size))).reshape(g.getShape());
      out.add(g.toType(DataType.FLOAT64, false).add(part.mul(std)).toType(DataType.FLOAT32, false));
      offset += size;
    }
    if (offset != noise.size()) {
      throw new IllegalArgumentException("noise has " + noise.size() + " values for " + offset + " coordinates");
    }
    return new NDList(out);
  }

  /** How long the last step's uniforms took to make (on the background thread), in nanoseconds. */
  public long lastUniformNanos() {
    return lastUniformNanos;
  }

  private synchronized double[] uniforms(CounterStream stream, String kind, long step, long count) {
    int n = Math.toIntExact(count);
    String key = kind + step + ":" + n;
    double[] u;
    if (key.equals(pendingKey)) {
      u = await(pending);
    } else {
      u = make(stream, step, n);
    }
    pendingKey = kind + (step + 1) + ":" + n;
    pending = prefetcher.submit(() -> make(stream, step + 1, n));
    return u;
  }

  private double[] make(CounterStream stream, long step, int n) {
    long t0 = System.nanoTime();
    double[] u = new double[n];
    stream.fillOpenUniforms(step, u);
    lastUniformNanos = System.nanoTime() - t0;
    return u;
  }

  private static double[] await(Future<double[]> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DpauditException("interrupted while waiting for noise", e);
    } catch (ExecutionException e) {
      throw new DpauditException("noise generation failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  @Override
  public void close() {
    prefetcher.shutdownNow();
  }
}
