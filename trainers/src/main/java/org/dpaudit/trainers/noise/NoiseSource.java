package org.dpaudit.trainers.noise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dpaudit.core.Checks;
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
 *       made ahead, uniforms and transform, on a background thread while the current step computes.
 * </ul>
 */
public final class NoiseSource implements AutoCloseable {
  private final CounterStream gaussianStream;
  private final CounterStream laplaceStream;
  private final ExecutorService prefetcher;
  private final boolean prefetch;
  private final boolean silent;
  private NDManager manager;
  private Future<NDArray> pending;
  private String pendingKey;
  private NDArray handedOut;
  private volatile long lastMakeNanos;

  /** A source that makes each next step's noise ahead of time on a background thread. */
  public NoiseSource(Randomness randomness) {
    this(randomness, true);
  }

  /**
   * @param prefetch whether to make the next step's noise ahead of time (benchmarks switch it off
   *     to time generation alone)
   */
  public NoiseSource(Randomness randomness, boolean prefetch) {
    this.prefetch = prefetch;
    this.silent = false;
    this.gaussianStream = randomness.counterStream("noise/gaussian");
    this.laplaceStream = randomness.counterStream("noise/laplace");
    this.prefetcher = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "dpaudit-noise-prefetch");
      t.setDaemon(true);
      return t;
    });
  }

  private NoiseSource() {
    this.prefetch = false;
    this.silent = true;
    this.gaussianStream = null;
    this.laplaceStream = null;
    this.prefetcher = null;
  }

  /**
   * A source whose every draw is 0: the same code run with its noise switched off. The trainer
   * replays a step's release with it, so that the difference from the real release is exactly the
   * noise the code added (a white-box check of the noise against the ledger); never a run's noise.
   */
  public static NoiseSource silent() {
    return new NoiseSource();
  }

  /**
   * {@code n} independent standard normal draws for step {@code step}, float64, on {@code m}'s
   * device. The array stays valid until the next call (or {@link #close}).
   */
  public synchronized NDArray standardGaussian(NDManager m, long step, long n) {
    return take(m, Kind.GAUSSIAN, step, n, 1.0);
  }

  /**
   * {@code n} independent N(0, std^2) draws for step {@code step}, float64: standard draws (made
   * ahead on the background thread) times {@code std}, so a std that changes from step to step (a
   * decaying noise schedule) costs nothing extra.
   */
  public synchronized NDArray gaussian(NDManager m, long step, long n, double std) {
    return take(m, Kind.GAUSSIAN, step, n, Checks.nonNegative("noise std", std));
  }

  /** {@code n} independent standard Laplace draws (scale 1) for step {@code step}, float64. */
  public synchronized NDArray standardLaplace(NDManager m, long step, long n) {
    return take(m, Kind.LAPLACE, step, n, 1.0);
  }

  /** {@code n} independent Laplace draws of scale {@code scale} for step {@code step}, float64. */
  public synchronized NDArray laplace(NDManager m, long step, long n, double scale) {
    return take(m, Kind.LAPLACE, step, n, Checks.nonNegative("Laplace scale", scale));
  }

  /**
   * One Laplace draw per coordinate with its own scale: {@code b_j * L_j} with {@code L_j} standard
   * Laplace, for step {@code step}, float64 (schemes whose privacy budget differs per neuron).
   *
   * @param scales the scale b_j of each coordinate (float64, flat; every value finite and at least 0,
   *     0 meaning no noise: only for coordinates the caller releases as 0)
   */
  public synchronized NDArray laplace(NDManager m, long step, NDArray scales) {
    requireScales(scales);
    NDArray standard = take(m, Kind.LAPLACE, step, scales.size(), 1.0);
    return standard.mul(scales.toType(DataType.FLOAT64, false));
  }

  private static void requireScales(NDArray scales) {
    Checks.check(scales.getShape().dimension() == 1, "noise scales must be a flat array; got shape " + scales.getShape());
    double min = scales.toType(DataType.FLOAT64, false).min().getDouble();
    double max = scales.toType(DataType.FLOAT64, false).max().getDouble();
    Checks.check(min >= 0 && max < Double.POSITIVE_INFINITY,
        "noise scales must be finite and at least 0; got [" + min + ", " + max + "]");
  }

  /**
   * {@code grads} plus the noise {@code noise} (flat, float64, already scaled), each sum formed in
   * float64 and rounded to float32: one noise value per coordinate, taken in order.
   */
  public static NDList addNoise(NDList grads, NDArray noise) {
    List<NDArray> out = new ArrayList<>();
    long offset = 0;
    for (NDArray g : grads) {
      long size = g.size();
      NDArray part = noise.get(new NDIndex(offset + ":" + (offset + size))).reshape(g.getShape());
      out.add(g.toType(DataType.FLOAT64, false).add(part).toType(DataType.FLOAT32, false));
      offset += size;
    }
    if (offset != noise.size()) {
      throw new IllegalArgumentException("noise has " + noise.size() + " values for " + offset + " coordinates");
    }
    return new NDList(out);
  }

  /** How long the last batch of noise took to make (on the background thread), in nanoseconds. */
  public long lastMakeNanos() {
    return lastMakeNanos;
  }

  private enum Kind {
    GAUSSIAN,
    LAPLACE
  }

  /**
   * Standard draws (made ahead when prefetching; the key holds no scale, so a scale that changes
   * every step still finds its draws ready) times {@code scale}. The standard array stays owned by
   * this source until the next call; a scaled copy belongs to the caller's scope.
   */
  private NDArray take(NDManager m, Kind kind, long step, long n, double scale) {
    if (silent) {
      return m.zeros(new Shape(n), DataType.FLOAT64);
    }
    if (handedOut != null) {
      handedOut.close();
      handedOut = null;
    }
    if (manager == null || !manager.getDevice().equals(m.getDevice())) {
      discardPending(); // made on the old device's manager
      manager = m.newSubManager();
    }
    String key = kind + ":" + step + ":" + n;
    NDArray noise;
    if (key.equals(pendingKey)) {
      noise = await(pending);
      pending = null;
      pendingKey = null;
    } else {
      discardPending();
      noise = make(manager, kind, step, n);
    }
    if (prefetch) {
      NDManager target = manager; // the background task never reads the field, which the caller may change
      pendingKey = kind + ":" + (step + 1) + ":" + n;
      pending = prefetcher.submit(() -> make(target, kind, step + 1, n));
    }
    handedOut = noise;
    return scale == 1.0 ? noise : noise.mul(scale);
  }

  /** Makes one step's standard noise on the engine (called on the background thread, or inline on a miss). */
  private NDArray make(NDManager manager, Kind kind, long step, long n) {
    long t0 = System.nanoTime();
    NDArray out;
    if (kind == Kind.GAUSSIAN) {
      int half = Math.toIntExact((n + 1) / 2);
      double[] u = new double[2 * half];
      gaussianStream.fillOpenUniforms(step, u);
      try (NDManager tmp = manager.newSubManager()) {
        NDArray all = tmp.create(u, new Shape(2, half));
        NDArray radius = all.get(0).log().mul(-2).sqrt();
        NDArray angle = all.get(1).mul(2 * Math.PI);
        NDArray z = radius.mul(angle.cos()).concat(radius.mul(angle.sin()));
        out = (n == 2L * half ? z : z.get(new NDIndex("0:" + n)));
        out.attach(manager);
      }
    } else {
      double[] u = new double[Math.toIntExact(2 * n)];
      laplaceStream.fillOpenUniforms(step, u);
      try (NDManager tmp = manager.newSubManager()) {
        NDArray all = tmp.create(u, new Shape(2, n));
        out = all.get(0).log().sub(all.get(1).log());
        out.attach(manager);
      }
    }
    // Owned by this source until the next call, not by the caller's step scope.
    NDScope.unregister(out);
    lastMakeNanos = System.nanoTime() - t0;
    return out;
  }

  private void discardPending() {
    if (pending != null) {
      NDArray stale = await(pending);
      stale.close();
      pending = null;
      pendingKey = null;
    }
  }

  private static NDArray await(Future<NDArray> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DpauditException("interrupted while waiting for noise", e);
    } catch (ExecutionException e) {
      throw new DpauditException("noise generation failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /**
   * Stops the background thread and frees the noise arrays. The thread is waited for before the
   * arrays' manager is closed: closing it while a prefetch is still making noise on it frees native
   * memory under the running task and crashes the JVM (seen once in CI, SIGSEGV in
   * {@code TensorImpl::requires_grad}).
   */
  @Override
  public synchronized void close() {
    if (silent) {
      return;
    }
    prefetcher.shutdown();
    boolean stopped;
    try {
      stopped = prefetcher.awaitTermination(10, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = false;
    }
    // If the thread could not be waited for, leave the manager to its parent rather than crash.
    if (stopped && manager != null) {
      manager.close();
    }
  }
}
