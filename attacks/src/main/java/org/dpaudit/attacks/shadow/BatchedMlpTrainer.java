package org.dpaudit.attacks.shadow;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.trainers.engine.Engines;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.loop.BatchSampler;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.dpaudit.trainers.nn.ActivationKind;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.nn.LayerSpec;
import org.dpaudit.trainers.nn.ModelSpec;
import org.dpaudit.trainers.nn.ModelZoo;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.optim.Optimizer;
import org.dpaudit.trainers.schemes.Schemes;

/**
 * Trains K MLP shadow models at once as one batched computation: each layer's weights of all K
 * models stacked into one (K, out, in) array, every product a {@code batchMatMul}. Small models
 * leave a CPU (and far more a GPU) mostly idle one at a time; batched, they share each kernel
 * launch. It also works within DJL's one-gradient-collector-per-JVM rule.
 *
 * <p>Model {@code k} gets exactly what {@link SequentialShadowTrainer} would give it: the same
 * initial weights, Poisson batches and noise (all drawn from {@code randomness.child("shadow/" + id)}),
 * padded to a common batch size with a mask. The per-example rule is the probe method of {@code
 * LinearLayer}, with a leading model axis. Models other than MLPs, schemes other than DP-SGD and
 * non-private training, and training sets of unequal sizes go to {@link ParallelShadowTrainer}.
 */
public final class BatchedMlpTrainer implements ShadowTrainer {
  private final Device device;
  private final ShadowTrainer fallback;

  public BatchedMlpTrainer(Device device) {
    this.device = device;
    this.fallback = new ParallelShadowTrainer(device);
  }

  /** Whether the recipe can be trained batched. */
  public static boolean supports(ModelSpec spec, TrainingConfig cfg) {
    boolean mlp = spec.layers().stream().allMatch(l -> l instanceof LayerSpec.Linear
        || l instanceof LayerSpec.Activation || l instanceof LayerSpec.Flatten);
    return mlp && Schemes.hasDpSgdStep(cfg.privacy().scheme());
  }

  /** Models trained together at most: the gain of batching levels off, and a killed attack keeps finished groups. */
  static final int GROUP = 8;

  @Override
  public int groupSize() {
    return GROUP;
  }

  @Override
  public float[][] trainAndPredict(Dataset population, List<int[]> trainSets, int[] ids, int[] evalIdx,
      ShadowRecipe recipe, Randomness randomness, Consumer<String> progress) {
    TrainingConfig cfg = recipe.config();
    ModelSpec spec = ModelZoo.get(cfg.model(), population.exampleShape(), population.numClasses());
    boolean equalSizes = trainSets.stream().mapToInt(s -> s.length).distinct().count() == 1;
    if (!supports(spec, cfg) || !equalSizes) {
      return fallback.trainAndPredict(population, trainSets, ids, evalIdx, recipe, randomness, progress);
    }
    try (NDManager manager = NDManager.newBaseManager(device, Engines.ENGINE_NAME)) {
      Stack stack = new Stack(spec, ids, manager, randomness);
      long t0 = System.nanoTime();
      stack.train(population, trainSets, ids, cfg, randomness, progress);
      progress.accept(String.format("%d shadow models trained together (%.0f s)", trainSets.size(),
          (System.nanoTime() - t0) / 1e9));
      return stack.predict(population, evalIdx);
    }
  }

  /** K stacked MLPs. */
  private static final class Stack {
    private final ModelSpec spec;
    private final int k;
    private final NDManager manager;
    private final List<NDArray> params = new ArrayList<>();
    private final List<ActivationKind> activationAfter = new ArrayList<>();

    Stack(ModelSpec spec, int[] ids, NDManager manager, Randomness randomness) {
      this.spec = spec;
      this.k = ids.length;
      this.manager = manager;
      List<List<float[]>> perModel = new ArrayList<>();
      List<Shape> shapes = new ArrayList<>();
      for (int m = 0; m < k; m++) {
        Randomness r = randomness.child("shadow/" + ids[m]);
        try (DpModel model = DpModel.create(spec, manager.getDevice(), ConvGradMethod.AUTO, r.stream("init"))) {
          List<float[]> values = new ArrayList<>();
          for (Parameter p : model.network().parameters()) {
            values.add(p.getArray().toFloatArray());
            if (m == 0) {
              shapes.add(p.getShape());
            }
          }
          perModel.add(values);
        }
      }
      for (int j = 0; j < shapes.size(); j++) {
        Shape s = shapes.get(j);
        boolean bias = j % 2 == 1;
        float[] all = new float[(int) (k * s.size())];
        for (int m = 0; m < k; m++) {
          System.arraycopy(perModel.get(m).get(j), 0, all, (int) (m * s.size()), (int) s.size());
        }
        params.add(manager.create(all, bias ? new Shape(k, 1, s.get(0)) : new Shape(k, s.get(0), s.get(1))));
      }
      for (LayerSpec l : spec.layers()) {
        if (l instanceof LayerSpec.Linear) {
          activationAfter.add(null);
        } else if (l instanceof LayerSpec.Activation a) {
          activationAfter.set(activationAfter.size() - 1, a.kind());
        }
      }
    }

    private List<Shape> shapes() {
      return params.stream().map(NDArray::getShape).toList();
    }

    /** Forward pass of all K models on x (K, B, d); with probes when {@code tape} is given. */
    NDArray forward(NDArray x, List<NDArray[]> tape) {
      NDArray h = x;
      for (int layer = 0; layer < activationAfter.size(); layer++) {
        NDArray w = params.get(2 * layer);
        NDArray b = params.get(2 * layer + 1);
        NDArray z = h.batchMatMul(w.transpose(0, 2, 1)).add(b);
        if (tape != null) {
          NDArray probe = manager.zeros(z.getShape());
          probe.setRequiresGradient(true);
          tape.add(new NDArray[] {h.stopGradient(), probe});
          z = z.add(probe);
        }
        ActivationKind act = activationAfter.get(layer);
        h = act == null ? z : act == ActivationKind.RELU ? Activation.relu(z) : Activation.tanh(z);
      }
      return h;
    }

    void train(Dataset population, List<int[]> trainSets, int[] ids, TrainingConfig cfg, Randomness randomness,
        Consumer<String> progress) {
      int n = trainSets.get(0).length;
      List<BatchSampler> samplers = new ArrayList<>();
      List<NoiseSource> noises = new ArrayList<>();
      for (int m = 0; m < k; m++) {
        Randomness r = randomness.child("shadow/" + ids[m]);
        samplers.add(new BatchSampler(cfg.privacy().sampler(), n, cfg.optim().batchSize(), r));
        noises.add(new NoiseSource(r, false));
      }
      boolean dp = Schemes.isPrivate(cfg.privacy().scheme());
      double q = samplers.get(0).samplingRate();
      double expected = q * n;
      long steps = cfg.optim().totalSteps(samplers.get(0).stepsPerEpoch());
      Optimizer optimizer = new Optimizer(cfg.optim().optimizer(), cfg.optim().momentum(), manager, shapes());
      int d = population.featureSize();
      long report = Math.max(1, steps / 10);
      try {
        for (long step = 0; step < steps; step++) {
          try (NDScope scope = new NDScope()) {
            int[][] batches = new int[k][];
            int max = 1;
            for (int m = 0; m < k; m++) {
              int[] positions = samplers.get(m).batch(step);
              batches[m] = new int[positions.length];
              for (int i = 0; i < positions.length; i++) {
                batches[m][i] = trainSets.get(m)[positions[i]];
              }
              max = Math.max(max, positions.length);
            }
            float[] xs = new float[k * max * d];
            int[] ys = new int[k * max];
            float[] mask = new float[k * max];
            for (int m = 0; m < k; m++) {
              float[] f = population.gatherFeatures(batches[m]);
              System.arraycopy(f, 0, xs, m * max * d, f.length);
              int[] l = population.gatherLabels(batches[m]);
              System.arraycopy(l, 0, ys, m * max, l.length);
              for (int i = 0; i < l.length; i++) {
                mask[m * max + i] = 1f;
              }
            }
            NDArray x = manager.create(xs, new Shape(k, max, d));
            NDArray y = manager.create(ys, new Shape(k, max)).oneHot(population.numClasses(), DataType.FLOAT32);
            NDArray msk = manager.create(mask, new Shape(k, max));
            double lr = cfg.optim().lrSchedule().at(cfg.optim().learningRate(), step, steps);
            NDList grads = dp
                ? dpGradients(x, y, msk, cfg, expected, step, noises)
                : meanGradients(x, y, msk, batches);
            optimizer.stepArrays(params, grads, lr);
          }
          if ((step + 1) % report == 0) {
            progress.accept(String.format("  %d shadow models: step %d/%d", k, step + 1, steps));
          }
        }
      } finally {
        noises.forEach(NoiseSource::close);
      }
    }

    private static NDArray losses(NDArray logits, NDArray oneHot) {
      return logits.logSoftmax(2).mul(oneHot).sum(new int[] {2}).neg();
    }

    /** DP-SGD for every model: probes, flat clipping, the model's own noise, divided by E. */
    private NDList dpGradients(NDArray x, NDArray y, NDArray mask, TrainingConfig cfg, double expected, long step,
        List<NoiseSource> noises) {
      List<NDArray[]> tape = new ArrayList<>();
      try (GradientCollector gc = Engines.engine().newGradientCollector()) {
        NDArray logits = forward(x, tape);
        gc.backward(losses(logits, y).mul(mask).sum());
      }
      NDArray sq = null;
      for (NDArray[] t : tape) {
        NDArray delta = t[1].getGradient();
        NDArray layer = delta.square().sum(new int[] {2}).mul(t[0].square().sum(new int[] {2}).add(1f));
        sq = sq == null ? layer : sq.add(layer);
      }
      double clip = cfg.privacy().clipNorm();
      NDArray c = sq.sqrt().add(1e-6).pow(-1).mul(clip).minimum(1f).mul(mask).div(expected).expandDims(2);
      NDList sums = new NDList();
      for (NDArray[] t : tape) {
        NDArray scaled = t[1].getGradient().mul(c);
        sums.add(scaled.transpose(0, 2, 1).batchMatMul(t[0]));
        sums.add(scaled.sum(new int[] {1}, true));
      }
      return addNoise(sums, cfg.privacy().noiseMultiplier() * clip / expected, step, noises);
    }

    /** Each model's noise, in the sequential trainer's parameter order, stacked and added in float64. */
    private NDList addNoise(NDList sums, double std, long step, List<NoiseSource> noises) {
      long perModel = 0;
      for (NDArray s : sums) {
        perModel += s.size() / k;
      }
      List<NDArray> noise = new ArrayList<>();
      for (int m = 0; m < k; m++) {
        noise.add(noises.get(m).gaussian(manager, step, perModel, std).duplicate());
      }
      NDList out = new NDList();
      long offset = 0;
      for (NDArray s : sums) {
        long size = s.size() / k;
        List<NDArray> parts = new ArrayList<>();
        for (int m = 0; m < k; m++) {
          parts.add(noise.get(m).get(new NDIndex(offset + ":" + (offset + size))));
        }
        NDArray z = NDArrays.stack(new NDList(parts), 0).reshape(s.getShape());
        out.add(s.toType(DataType.FLOAT64, false).add(z).toType(DataType.FLOAT32, false));
        offset += size;
      }
      return out;
    }

    /** Non-private: each model's mean loss over its own (unpadded) batch. */
    private NDList meanGradients(NDArray x, NDArray y, NDArray mask, int[][] batches) {
      float[] inv = new float[k];
      for (int m = 0; m < k; m++) {
        inv[m] = batches[m].length == 0 ? 0f : 1f / batches[m].length;
      }
      for (NDArray p : params) {
        p.setRequiresGradient(true);
      }
      try {
        try (GradientCollector gc = Engines.engine().newGradientCollector()) {
          NDArray perModel = losses(forward(x, null), y).mul(mask).sum(new int[] {1});
          gc.backward(perModel.mul(manager.create(inv)).sum());
        }
        NDList grads = new NDList();
        for (NDArray p : params) {
          NDArray g = p.getGradient();
          grads.add(g.duplicate());
          g.subi(g);
        }
        return grads;
      } finally {
        for (NDArray p : params) {
          p.setRequiresGradient(false);
        }
      }
    }

    /** Logits of every model on {@code evalIdx}: out[m] is (n x classes), row-major. */
    float[][] predict(Dataset population, int[] evalIdx) {
      int classes = population.numClasses();
      float[][] out = new float[k][evalIdx.length * classes];
      int d = population.featureSize();
      int chunk = 1000;
      for (int from = 0; from < evalIdx.length; from += chunk) {
        int to = Math.min(evalIdx.length, from + chunk);
        try (NDScope scope = new NDScope()) {
          int[] part = java.util.Arrays.copyOfRange(evalIdx, from, to);
          NDArray x = manager.create(population.gatherFeatures(part), new Shape(1, part.length, d))
              .broadcast(new Shape(k, part.length, d));
          float[] p = forward(x, null).toFloatArray();
          for (int m = 0; m < k; m++) {
            System.arraycopy(p, m * part.length * classes, out[m], from * classes, part.length * classes);
          }
        }
      }
      return out;
    }
  }
}
