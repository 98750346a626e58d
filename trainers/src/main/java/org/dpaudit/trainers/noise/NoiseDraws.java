package org.dpaudit.trainers.noise;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.dpaudit.core.DpauditException;
import org.dpaudit.core.random.CounterStream;
import org.dpaudit.core.random.GaussianFill;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.trainers.engine.HostMemory;

/**
 * How a {@link NoiseSource}'s draws are made: now on the calling thread (Gaussian draws with a
 * helper thread), or ahead of time (Gaussian draws block by block by threads of the idle
 * scheduling class, one for every two cores, taken over by the caller and the helper when asked
 * before they are done; anything else whole, by the helper). Each product with a scale is rounded once, exactly as the
 * engine's own multiplication rounds it, so how and when noise is made never changes a value.
 */
final class NoiseDraws implements AutoCloseable {
  private static final AtomicInteger SOURCES = new AtomicInteger();

  private final CounterStream gaussianStream;
  private final CounterStream laplaceStream;
  /**
   * Idle-class threads that make the next step's Gaussian blocks ({@link #PREFETCH_THREADS}).
   */
  private final ExecutorService[] prefetchers = new ExecutorService[PREFETCH_THREADS];
  private final ExecutorService helper;
  private final String threadSuffix;
  private volatile long lastMakeNanos;
  /** Each prefetch thread's Linux thread id once it runs in the idle class; 0 before, -1 if it does not. */
  private final AtomicIntegerArray prefetchTids = new AtomicIntegerArray(PREFETCH_THREADS);

  /**
   * One idle-class noise thread for every two cores. Why not one per core: an idle-class thread
   * still costs the step something where it runs (it shares the caches and the memory bus with
   * the step, and must be preempted each time the engine's worker wakes on its core), so each one
   * costs as well as helps. On the 2-core benchmark machine, once the native fill needed about 1.3 ms
   * of CPU for the MLP's 535,818 draws, one thread had them ready when the step asked (the staged
   * step's noise stage, which finishes any block not yet made, 0.20 ms against 0.16 ms with two in
   * one pair of runs) and the DP step's ratio was lower than with two in 15 of 25 alternated runs,
   * higher in 8 (medians about 1.21 against 1.25; docs/benchmarks.md, ninth stop). When the draws were four times as slow to make, two threads
   * had been better (db5fefc). Larger machines keep several, so big models' draws are still ready.
   */
  static final int PREFETCH_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

  NoiseDraws(Randomness randomness) {
    this.gaussianStream = randomness.counterStream("noise/gaussian");
    this.laplaceStream = randomness.counterStream("noise/laplace");
    this.threadSuffix = "-" + SOURCES.incrementAndGet();
    for (int i = 0; i < PREFETCH_THREADS; i++) {
      int slot = i;
      prefetchers[i] = daemon("dpaudit-noise-prefetch" + (i == 0 ? "" : "-" + i) + threadSuffix, () ->
          prefetchTids.set(slot, BackgroundPriority.lowerCurrentThread() ? BackgroundPriority.currentThreadId() : -1));
    }
    this.helper = daemon("dpaudit-noise-helper" + threadSuffix, () -> {});
  }

  /** Runs {@code task} on the first prefetch thread before what is handed to it next (tests hold it busy). */
  void occupyPrefetcher(Runnable task) {
    prefetchers[0].execute(task);
  }

  /** What this source's thread names end with (tests find its threads by it). */
  String threadSuffix() {
    return threadSuffix;
  }

  /** How long the last batch of noise took to make, in nanoseconds. */
  long lastMakeNanos() {
    return lastMakeNanos;
  }

  /** The thread that helps make Gaussian draws when they are asked for. */
  ExecutorService helper() {
    return helper;
  }

  enum Kind {
    GAUSSIAN,
    LAPLACE
  }

  /**
   * One step's draws: the standard ones (null when made scaled straight away) and, when a scale was
   * foreseen or asked for, the same draws times it. Both stay owned by this source until handed out.
   */
  record Made(NDArray standard, double scale, NDArray scaled) {
    void close() {
      if (standard != null) {
        standard.close();
      }
      if (scaled != null) {
        scaled.close();
      }
    }
  }

  /** Gaussian draws being made ahead: the arrays, and the fill that writes them (null when made whole). */
  record Filling(Made made, GaussianFill fill) {}

  /**
   * Noise being made for a step not asked for yet: Gaussian draws whose arrays the first prefetch
   * thread makes and then fills block by block with the second ({@code filling}), or anything else
   * made whole by the helper ({@code future}).
   */
  record Ahead(String key, Future<Filling> filling, Future<Made> future) {
    /**
     * The noise, complete: blocks the background threads have not started are made by the calling
     * thread and {@code helper} (at normal priority: on a busy machine the idle class hardly runs).
     * Null when the prefetch thread never started on it (its task is cancelled): the caller makes
     * the noise itself, rather than wait for a thread that runs only when a core is idle.
     */
    Made collect(ExecutorService helper) {
      if (filling != null) {
        if (!filling.isDone() && filling.cancel(false)) {
          return null;
        }
        Filling f = await(filling);
        if (f.fill() != null) {
          if (!f.fill().finished()) {
            helper.execute(f.fill()::help);
          }
          f.fill().complete();
        }
        return f.made();
      }
      return await(future);
    }

    /** Stops making it and frees it (waiting for any block in progress, which writes into the arrays). */
    void discard() {
      if (filling != null) {
        if (filling.cancel(false)) {
          return; // never started: nothing was made
        }
        Filling f = await(filling);
        if (f.fill() != null) {
          f.fill().cancel();
        }
        f.made().close();
      } else {
        await(future).close();
      }
    }
  }

  /**
   * The noise made ahead for {@code ahead}'s step, complete (see {@link Ahead#collect}), or null
   * when it was never started (the caller makes it). While the step waits, the prefetch threads run
   * at normal priority: each may be in the middle of a block (65,536 draws) or of making the arrays,
   * and in the idle class on a busy machine it would finish only when every other process on its
   * core sleeps, with the step waiting for it. They go back to the idle class before the next step's
   * noise is started.
   */
  Made collect(Ahead ahead) {
    boolean[] raised = new boolean[PREFETCH_THREADS];
    // Made already (the usual case when a core had idle moments): no thread to raise or wake.
    boolean waiting = ahead.filling() != null && !finished(ahead.filling());
    for (int i = 0; i < PREFETCH_THREADS; i++) {
      int tid = prefetchTids.get(i);
      raised[i] = waiting && tid > 0 && BackgroundPriority.setIdle(tid, false);
    }
    try {
      return ahead.collect(helper);
    } finally {
      for (int i = 0; i < PREFETCH_THREADS; i++) {
        if (raised[i]) {
          BackgroundPriority.setIdle(prefetchTids.get(i), true);
        }
      }
    }
  }

  /** Whether the arrays are made and every block filled. */
  private static boolean finished(Future<Filling> filling) {
    if (!filling.isDone() || filling.isCancelled()) {
      return false;
    }
    Filling f = await(filling);
    return f.fill() == null || f.fill().finished();
  }

  /** One thread, running {@code atStart} first (a prefetch thread puts itself in the idle class). */
  private static ExecutorService daemon(String name, Runnable atStart) {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(() -> {
        atStart.run();
        r.run();
      }, name);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts making step {@code step}'s noise ahead: Gaussian draws on the CPU block by block straight
   * into the engine's memory by the idle-class threads, standard and times {@code foresee}; anything
   * else whole by the helper, standard and times {@code foresee}. The calling thread only hands the
   * work over: the first prefetch thread makes the Gaussian arrays too (on the MLP's DP step, making
   * its 4.3 MB array and reaching its memory took the step's thread about 0.1 ms).
   */
  Ahead startAhead(NDManager manager, Kind kind, long step, long n, double foresee) {
    String key = kind + ":" + step + ":" + n;
    if (kind == Kind.GAUSSIAN && manager.getDevice().equals(Device.cpu())) {
      long t0 = System.nanoTime();
      FutureTask<Filling> filling = new FutureTask<>(() -> startFill(manager, step, n, foresee, t0));
      prefetchers[0].execute(filling);
      return new Ahead(key, filling, null);
    }
    // Made whole, so at normal priority (an idle-class thread that started it could not be taken
    // over on a busy machine). The task never reads the manager field, which the caller may change.
    return new Ahead(key, null, helper.submit(() -> makeBoth(manager, kind, step, n, foresee)));
  }

  /**
   * On the first prefetch thread: the arrays for step {@code step}'s Gaussian draws, and their fill
   * started on every prefetch thread; where the engine's memory cannot be reached, the draws made
   * whole here instead.
   */
  private Filling startFill(NDManager manager, long step, long n, double foresee, long t0) {
    NDArray standard = manager.create(new Shape(n), DataType.FLOAT64);
    NDArray scaled = foresee == 1.0 ? null : manager.create(new Shape(n), DataType.FLOAT64);
    // Owned by this source until handed out (this thread has no scope open; said for clarity).
    NDScope.unregister(standard);
    if (scaled != null) {
      NDScope.unregister(scaled);
    }
    Made made = new Made(standard, foresee, scaled);
    java.nio.DoubleBuffer a = HostMemory.doubles(standard, true);
    java.nio.DoubleBuffer b = scaled == null ? null : HostMemory.doubles(scaled, true);
    if (a == null || scaled != null && b == null) {
      made.close();
      return new Filling(makeBoth(manager, Kind.GAUSSIAN, step, n, foresee), null);
    }
    GaussianFill fill = gaussianStream.gaussianFill(step, a, b, foresee);
    Runnable help = () -> {
      fill.help();
      lastMakeNanos = System.nanoTime() - t0; // the last thread to finish writes last
    };
    for (int i = 1; i < PREFETCH_THREADS; i++) {
      prefetchers[i].execute(help);
    }
    prefetchers[0].execute(help);
    return new Filling(made, fill);
  }

  /**
   * Makes one step's noise now, for {@code scale}: Gaussian draws scaled straight away, half of
   * them by {@code helper} when given; Laplace draws standard and times {@code scale}. Each product
   * is rounded once, exactly as the engine's own multiplication rounds it, so how noise is made
   * never changes a value.
   */
  Made make(NDManager manager, Kind kind, long step, long n, double scale, ExecutorService helper) {
    if (kind == Kind.LAPLACE) {
      return makeBoth(manager, kind, step, n, scale);
    }
    long t0 = System.nanoTime();
    NDArray out = gaussianDraws(manager, step, n, scale, helper);
    NDScope.unregister(out); // owned by this source until handed out
    lastMakeNanos = System.nanoTime() - t0;
    return scale == 1.0 ? new Made(out, 1.0, null) : new Made(null, scale, out);
  }

  /** Standard draws and, for a {@code scale} other than 1, a copy multiplied by it. */
  private Made makeBoth(NDManager manager, Kind kind, long step, long n, double scale) {
    long t0 = System.nanoTime();
    NDArray out = kind == Kind.GAUSSIAN ? gaussianDraws(manager, step, n, 1.0, null) : laplaceDraws(manager, step, n);
    NDArray scaled = null;
    if (scale != 1.0) {
      scaled = FusedNoiseAddition.scaled(manager, out, scale);
      NDScope.unregister(scaled);
    }
    NDScope.unregister(out); // owned by this source until handed out
    lastMakeNanos = System.nanoTime() - t0;
    return new Made(out, scale, scaled);
  }

  /**
   * n draws times {@code scale}, written by the ziggurat straight into the engine's own memory on
   * the CPU (through a Java array elsewhere), half of them by {@code helper} when given.
   */
  private NDArray gaussianDraws(NDManager manager, long step, long n, double scale, ExecutorService helper) {
    if (manager.getDevice().equals(Device.cpu())) {
      NDArray out = manager.create(new Shape(n), DataType.FLOAT64);
      java.nio.DoubleBuffer memory = HostMemory.doubles(out, true);
      if (memory != null) {
        gaussianStream.fillGaussians(step, memory, scale, helper);
        return out;
      }
      out.close();
    }
    double[] z = new double[Math.toIntExact(n)];
    gaussianStream.fillGaussians(step, java.nio.DoubleBuffer.wrap(z), scale, helper);
    return manager.create(z);
  }

  private NDArray laplaceDraws(NDManager manager, long step, long n) {
    double[] u = new double[Math.toIntExact(2 * n)];
    laplaceStream.fillOpenUniforms(step, u);
    try (NDManager tmp = manager.newSubManager()) {
      NDArray all = tmp.create(u, new Shape(2, n));
      NDArray out = all.get(0).log().sub(all.get(1).log());
      out.attach(manager);
      return out;
    }
  }

  static <T> T await(Future<T> f) {
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
   * Stops the threads after the work they have (a fill in progress makes its remaining blocks);
   * false when they could not be waited for, and so the arrays they write must not be freed.
   */
  @Override
  public void close() {
    closeAndWait();
  }

  boolean closeAndWait() {
    for (ExecutorService prefetcher : prefetchers) {
      prefetcher.shutdown();
    }
    helper.shutdown();
    try {
      boolean stopped = true;
      for (ExecutorService prefetcher : prefetchers) {
        stopped &= prefetcher.awaitTermination(10, TimeUnit.MINUTES);
      }
      return stopped && helper.awaitTermination(10, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
