package org.dpaudit.attacks.shadow;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import org.dpaudit.core.DpauditException;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.trainers.engine.Engines;

/**
 * Trains shadow models one per thread, several at once, each with one PyTorch intra-op thread: on
 * a CPU, small models use the cores better side by side than one at a time with every core (the
 * demo's CNN: 1.4x on 2 cores, bench/README.md). One thread per model is also what makes a model
 * the same wherever it is trained: convolutions round differently with 1 and 2 threads, so a model
 * trained here is bit for bit the one a one-core Spark task trains ({@code spark} module). Each
 * model is trained by {@link SequentialShadowTrainer}'s code, with its own randomness {@code
 * shadow/<id>}. On a GPU the models train one after another.
 */
public final class ParallelShadowTrainer implements StreamingShadowTrainer {
  private final Device device;
  private final int threads;

  /** Up to as many models at once as the JVM has processors (one on a GPU). */
  public ParallelShadowTrainer(Device device) {
    this(device, device.isGpu() ? 1 : Runtime.getRuntime().availableProcessors());
  }

  ParallelShadowTrainer(Device device, int threads) {
    this.device = device;
    this.threads = Math.max(1, threads);
  }

  @Override
  public void trainEach(Dataset population, List<int[]> trainSets, int[] ids, int[] evalIdx, ShadowRecipe recipe,
      Randomness randomness, Consumer<String> progress, ObjIntConsumer<float[]> done) {
    SequentialShadowTrainer one = new SequentialShadowTrainer(device);
    int n = trainSets.size();
    Engines.engine();
    int callerThreads = JniUtils.getNumThreads();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, n), r -> {
      Thread t = new Thread(r, "dpaudit-shadow");
      t.setDaemon(true);
      return t;
    });
    long t0 = System.nanoTime();
    try {
      List<Future<float[]>> models = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        int[] set = trainSets.get(j);
        int id = ids[j];
        models.add(pool.submit(() -> {
          if (!device.isGpu() && JniUtils.getNumThreads() != 1) {
            JniUtils.setNumThreads(1);
          }
          return one.trainAndPredict(population, List.of(set), new int[] {id}, evalIdx, recipe, randomness,
              m -> { })[0];
        }));
      }
      for (int j = 0; j < n; j++) {
        done.accept(models.get(j).get(), j);
        double s = (System.nanoTime() - t0) / 1e9;
        if (n > 1) {
          progress.accept(String.format("shadow model %d of %d trained (%.0f s, about %.0f s left)", j + 1, n, s,
              s / (j + 1) * (n - j - 1)));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DpauditException("interrupted while training shadow models", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new DpauditException("training a shadow model failed: " + c.getMessage(), c);
    } finally {
      pool.shutdownNow();
      if (JniUtils.getNumThreads() != callerThreads) {
        JniUtils.setNumThreads(callerThreads); // the worker threads moved PyTorch's default for new threads
      }
    }
  }

  @Override
  public String describe() {
    return threads == 1 ? "one by one" : "one thread per model, up to " + threads + " at once";
  }

  /** As many models as run at once, so the store hands over enough to keep the threads busy. */
  @Override
  public int groupSize() {
    return threads;
  }
}
