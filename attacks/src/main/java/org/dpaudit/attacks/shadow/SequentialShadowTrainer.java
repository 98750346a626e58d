package org.dpaudit.attacks.shadow;

import ai.djl.Device;
import java.util.List;
import java.util.function.Consumer;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.trainers.loop.BatchSampler;
import org.dpaudit.trainers.loop.DpTrainer;
import org.dpaudit.trainers.loop.Evaluator;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.dpaudit.trainers.noise.NoiseSource;
import org.dpaudit.trainers.nn.DpModel;
import org.dpaudit.trainers.nn.InputProjection;
import org.dpaudit.trainers.nn.ModelZoo;
import org.dpaudit.core.accounting.RunAccounting;
import org.dpaudit.trainers.schemes.DpScheme;
import org.dpaudit.trainers.schemes.SchemeContext;
import org.dpaudit.trainers.schemes.Schemes;

/** Trains shadow models one after another with the ordinary trainer: works for every model and scheme. */
public final class SequentialShadowTrainer implements ShadowTrainer {
  private final Device device;

  public SequentialShadowTrainer(Device device) {
    this.device = device;
  }

  @Override
  public float[][] trainAndPredict(Dataset population, List<int[]> trainSets, int[] ids, int[] evalIdx,
      ShadowRecipe recipe, Randomness randomness, Consumer<String> progress) {
    TrainingConfig cfg = recipe.config();
    float[][] out = new float[trainSets.size()][];
    long t0 = System.nanoTime();
    for (int k = 0; k < trainSets.size(); k++) {
      Randomness r = randomness.child("shadow/" + ids[k]);
      Dataset train = population.subset("shadow-" + k, trainSets.get(k));
      var spec = ModelZoo.get(cfg.model(), population.exampleShape(), population.numClasses());
      try (DpModel model = DpModel.create(spec, device, cfg.convGrad(), r.stream("init"));
          NoiseSource noise = new NoiseSource(r)) {
        if (InputProjection.needed(model)) {
          InputProjection.fit(model, train); // as the target fitted its own: on the data it trains on
        }
        BatchSampler sampler = new BatchSampler(cfg.privacy().sampler(), train.size(), cfg.optim().batchSize(), r);
        long steps = cfg.optim().totalSteps(sampler.stepsPerEpoch());
        DpScheme scheme = Schemes.create(new SchemeContext(cfg.privacy(), cfg.optim(), train.size(),
            sampler.samplingRate(), steps, model.parameterCount(), new RunAccounting()));
        DpTrainer.builder().setConfig(cfg).setData(train, train.subset("none", new int[0])).setModel(model)
            .setScheme(scheme).setSampler(sampler).setNoise(noise).setRandomness(r).optEvaluation(false).build().train(null);
        out[k] = Evaluator.logits(model.network(), model.manager(), population, evalIdx);
      }
      double elapsed = (System.nanoTime() - t0) / 1e9;
      if (trainSets.size() > 1) {
        progress.accept(String.format("shadow model %d of %d trained (%.0f s, about %.0f s left)", k + 1, trainSets.size(),
            elapsed, elapsed / (k + 1) * (trainSets.size() - k - 1)));
      }
    }
    return out;
  }
}
