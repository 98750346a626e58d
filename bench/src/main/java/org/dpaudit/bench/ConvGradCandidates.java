package org.dpaudit.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.trainers.engine.NativeKernels;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.grad.PerSampleGradients;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.nn.ModelZoo;

/**
 * The ways to get a convolution's per-example gradients, timed side by side on the MNIST CNN at
 * one batch: for each method (the engine's grouped convolution, unfold and ghost norms, and
 * dpaudit's native kernel where it runs), each conv layer's per-example squared norms and then its
 * clipped sum, as a DP step asks for them. The methods take turns round by round in one process, on
 * the same weights and the same batch (a fresh forward and backward pass each round, not timed);
 * medians after warm-up rounds.
 *
 * <pre>
 * mvn -q -B -pl bench -am package -DskipTests
 * java -cp bench/target/classes:$(cat bench/target/classpath.txt) org.dpaudit.bench.ConvGradCandidates [batch] [rounds]
 * </pre>
 *
 * Run it with the launcher's environment ({@code OMP_WAIT_POLICY=PASSIVE}, {@code GLIBC_TUNABLES};
 * see {@code ./dpaudit}), or the engine's threads spin between operations and the figures are not
 * those of a real run.
 */
public final class ConvGradCandidates {
  private static final int WARM_UP = 10;

  private ConvGradCandidates() {}

  public static void main(String[] args) {
    int batch = args.length > 0 ? Integer.parseInt(args[0]) : 256;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    List<ConvGradMethod> methods = new ArrayList<>(List.of(ConvGradMethod.GROUPED, ConvGradMethod.UNFOLD,
        ConvGradMethod.GHOST));
    if (NativeKernels.available()) {
      methods.add(ConvGradMethod.DIRECT);
    } else {
      System.out.println("native kernel: not here (" + NativeKernels.unavailableReason() + ")");
    }
    int[] inputShape = {1, 28, 28};
    List<DpModel> models = new ArrayList<>();
    for (ConvGradMethod m : methods) {
      models.add(DpModel.create(ModelZoo.get("cnn", inputShape, 10), Device.cpu(), m,
          Randomness.seeded(1).stream("init")));
    }
    // [method][conv layer][norms, clipped sum] -> milliseconds per round
    List<List<List<List<Double>>>> times = new ArrayList<>();
    for (int i = 0; i < methods.size(); i++) {
      times.add(List.of(List.of(new ArrayList<>(), new ArrayList<>()), List.of(new ArrayList<>(), new ArrayList<>())));
    }
    try (NDManager data = NDManager.newBaseManager(Device.cpu())) {
      SplittableRandom rng = new SplittableRandom(1);
      float[] pixels = new float[batch * 784];
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = (float) rng.nextDouble();
      }
      int[] labels = new int[batch];
      for (int i = 0; i < batch; i++) {
        labels[i] = rng.nextInt(10);
      }
      NDArray x = data.create(pixels, new Shape(batch, 1, 28, 28));
      NDArray y = data.create(labels);
      NDArray c = data.ones(new Shape(batch), DataType.FLOAT32).div(batch);
      for (int r = 0; r < WARM_UP + rounds; r++) {
        for (int i = 0; i < methods.size(); i++) {
          try (NDScope scope = new NDScope()) {
            PerSampleGradients g = models.get(i).network().perSampleGradients(x, y);
            for (int layer = 0; layer < 2; layer++) {
              long t0 = System.nanoTime();
              g.layerSquaredNorms(layer).toFloatArray();
              long t1 = System.nanoTime();
              NDList sum = g.layerWeightedSum(layer, c);
              sum.get(0).toFloatArray();
              long t2 = System.nanoTime();
              if (r >= WARM_UP) {
                times.get(i).get(layer).get(0).add((t1 - t0) / 1e6);
                times.get(i).get(layer).get(1).add((t2 - t1) / 1e6);
              }
            }
          }
        }
      }
    }
    System.out.printf(Locale.ROOT, "MNIST CNN, batch %d, %d rounds, medians (ms): norms / clipped sum%n", batch, rounds);
    System.out.printf(Locale.ROOT, "%-8s %-22s %-22s %s%n", "method", "layer 1 (1->16, k8, T=196)",
        "layer 2 (16->32, k4, T=25)", "both layers, norms + sums");
    for (int i = 0; i < methods.size(); i++) {
      double total = 0;
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-8s", methods.get(i)));
      for (int layer = 0; layer < 2; layer++) {
        double norms = median(times.get(i).get(layer).get(0));
        double sums = median(times.get(i).get(layer).get(1));
        total += norms + sums;
        line.append(String.format(Locale.ROOT, " %-22s", String.format(Locale.ROOT, "%.2f / %.2f", norms, sums)));
      }
      System.out.println(line.append(String.format(Locale.ROOT, " %.2f", total)));
    }
    models.forEach(DpModel::close);
  }

  private static double median(List<Double> v) {
    double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }
}
