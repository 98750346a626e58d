package org.dpaudit.trainers.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.dpaudit.core.DpauditException;
import org.dpaudit.core.artifact.run.EpochMetrics;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.trainers.grad.DpNetwork;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.optim.ParameterAverage;

/**
 * Accuracy at the end of each epoch, measured on a copy of the parameters by a background thread
 * while training goes on, on the test split and on a sample of the training members.
 *
 * <p>Why: measured on the full training set and on the step's thread, evaluation took about a third
 * of an MNIST CNN run (59,000 + 10,000 forward passes every epoch, the steps waiting). Train accuracy
 * is an estimate anyway; on {@value #TRAIN_SAMPLE} evenly spaced members its standard error is
 * under 0.5 points. Results come back in epoch order; one evaluation runs at a time (the next epoch
 * end waits for the previous one, which takes a few seconds against an epoch's tens). A run that
 * releases a {@link ParameterAverage} is measured on the average, the model it releases.
 */
final class EpochEvaluator implements AutoCloseable {
  /** Training members the train accuracy is measured on (all of them when there are fewer). */
  static final int TRAIN_SAMPLE = 10_000;

  private final DpModel model;
  private final DpNetwork copy;
  private final ParameterAverage average;
  private final Dataset trainSample;
  private final Dataset test;
  private final ExecutorService thread;
  private final List<Future<EpochMetrics>> pending = new ArrayList<>();
  private final List<EpochMetrics> done = new ArrayList<>();

  /** @param average the parameters to measure instead of the model's, or null for the model's */
  EpochEvaluator(DpModel model, Dataset train, Dataset test, ParameterAverage average) {
    this.model = model;
    this.average = average;
    this.copy = copyOf(model);
    this.trainSample = sample(train);
    this.test = test;
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "dpaudit-evaluation");
      t.setDaemon(true);
      return t;
    });
  }

  /** A copy of the network to evaluate, or null when a layer cannot be copied (then: inline). */
  private static DpNetwork copyOf(DpModel model) {
    try {
      return model.network().replicate(model.manager());
    } catch (UnsupportedOperationException e) {
      return null;
    }
  }

  /** The members train accuracy is measured on: at most {@link #TRAIN_SAMPLE}, evenly spaced. */
  static Dataset sample(Dataset train) {
    int n = train.size();
    if (n <= TRAIN_SAMPLE) {
      return train;
    }
    int[] idx = new int[TRAIN_SAMPLE];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = (int) ((long) i * n / TRAIN_SAMPLE);
    }
    return train.subset(train.name() + "/evaluation-sample", idx);
  }

  /** How many members the train accuracy is measured on. */
  int trainExamples() {
    return trainSample.size();
  }

  /**
   * Starts measuring the current parameters for the epoch that just ended, and the epsilon spent
   * so far ({@code epsilonSpent}, computed on the same background thread: a PLD accountant takes a
   * fraction of a second); the other fields of its metrics are as given.
   */
  void submit(int epoch, long steps, double meanLoss, DoubleSupplier epsilonSpent, double seconds) {
    awaitAll().forEach(done::add); // one at a time: the copy is about to be overwritten
    if (copy == null) {
      double[] acc = average == null ? accuracyNow() : accuracyOfAverage();
      done.add(new EpochMetrics(epoch, steps, meanLoss, acc[0], acc[1], epsilonSpent.getAsDouble(), seconds));
      return;
    }
    if (average == null) {
      model.network().copyParametersTo(copy);
    } else {
      average.copyInto(copy.parameters().stream().map(ai.djl.nn.Parameter::getArray).toList());
    }
    pending.add(thread.submit(() -> new EpochMetrics(epoch, steps, meanLoss,
        Evaluator.accuracy(copy, model.manager(), trainSample), Evaluator.accuracy(copy, model.manager(), test),
        epsilonSpent.getAsDouble(), seconds)));
  }

  /** Evaluations finished so far and not yet returned, in epoch order. */
  List<EpochMetrics> finished() {
    while (!pending.isEmpty() && pending.get(0).isDone()) {
      done.add(get(pending.remove(0)));
    }
    List<EpochMetrics> out = List.copyOf(done);
    done.clear();
    return out;
  }

  /** Waits for every evaluation started and returns those not yet returned, in epoch order. */
  List<EpochMetrics> awaitAll() {
    while (!pending.isEmpty()) {
      done.add(get(pending.remove(0)));
    }
    List<EpochMetrics> out = List.copyOf(done);
    done.clear();
    return out;
  }

  /** Accuracy of the current parameters, measured now on this thread: (train sample, test). */
  double[] accuracyNow() {
    return new double[] {Evaluator.accuracy(model.network(), model.manager(), trainSample),
        Evaluator.accuracy(model.network(), model.manager(), test)};
  }

  /** Accuracy of the average, measured now in the model's place (its own values are put back). */
  private double[] accuracyOfAverage() {
    List<ai.djl.ndarray.NDArray> params = model.network().parameters().stream().map(ai.djl.nn.Parameter::getArray).toList();
    List<float[]> own = params.stream().map(ai.djl.ndarray.NDArray::toFloatArray).toList();
    average.copyInto(params);
    try {
      return accuracyNow();
    } finally {
      for (int i = 0; i < params.size(); i++) {
        org.dpaudit.trainers.nn.ArrayValues.copyInto(params.get(i), own.get(i));
      }
    }
  }

  private static EpochMetrics get(Future<EpochMetrics> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DpauditException("interrupted while waiting for an evaluation", e);
    } catch (ExecutionException e) {
      throw new DpauditException("evaluation failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** Stops the thread after any evaluation still running (its arrays live on the model's manager). */
  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(10, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
