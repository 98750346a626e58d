package org.dpaudit.attacks;

import ai.djl.Device;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.dpaudit.attacks.metrics.AttackMetrics;
import org.dpaudit.attacks.metrics.MetricsCalculator;
import org.dpaudit.attacks.mia.Challenge;
import org.dpaudit.attacks.mia.LiraAttack;
import org.dpaudit.attacks.mia.LossAttack;
import org.dpaudit.attacks.mia.MembershipScores;
import org.dpaudit.attacks.mia.RmiaAttack;
import org.dpaudit.attacks.mia.ShadowModelAttack;
import org.dpaudit.attacks.shadow.BatchedMlpTrainer;
import org.dpaudit.attacks.shadow.SequentialShadowTrainer;
import org.dpaudit.attacks.shadow.ShadowRecipe;
import org.dpaudit.attacks.shadow.ShadowTrainer;
import org.dpaudit.attacks.target.Target;
import org.dpaudit.attacks.target.Targets;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.io.RunDirectory;
import org.dpaudit.core.provenance.ArtifactRef;
import org.dpaudit.core.provenance.EnvironmentInfo;
import org.dpaudit.core.provenance.Provenance;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.trainers.engine.Engines;
import org.dpaudit.trainers.run.LoadedRun;

/**
 * Runs one membership attack against a run directory and writes {@code attacks/<attack>.json} and
 * {@code attacks/<attack>-scores.csv}.
 */
public final class AttackRunner {
  private AttackRunner() {}

  /**
   * What to run.
   *
   * @param shadows shadow models (shadow, LiRA) or reference models (RMIA)
   * @param populationSamples RMIA's population samples z
   * @param gamma RMIA's likelihood-ratio threshold
   * @param batched train MLP shadow models together (otherwise one by one)
   * @param seed the attack's seed (shadow data, shadow training), or null for secure randomness
   * @param recipe how to train shadow models; null to use the target run's own recipe (required
   *     for imported models, whose recipe dpaudit cannot know)
   */
  public record Options(
      AttackKind kind, int shadows, int populationSamples, double gamma, boolean batched, Long seed, Device device,
      ShadowRecipe recipe) {
    /** The settings as recorded in provenance (the device is recorded in the environment). */
    public AttackConfig config() {
      return new AttackConfig(kind.id(), shadows, populationSamples, gamma, batched);
    }
  }

  /** An attack's configuration as recorded in {@code attacks/<attack>.json}. */
  public record AttackConfig(String attack, int shadows, int populationSamples, double gamma, boolean batched) {}

  /** Runs the attack and writes its artifacts, holding the run's lock; returns the record written. */
  public static AttackRecord run(Path runPath, Options opts, Consumer<String> progress) {
    return RunDirectory.locked(runPath, () -> runLocked(runPath, opts, progress));
  }

  private static AttackRecord runLocked(Path runPath, Options opts, Consumer<String> progress) {
    Instant created = Instant.now();
    LoadedRun run = LoadedRun.open(runPath, progress);
    Randomness randomness = opts.seed() == null ? Randomness.secure() : Randomness.seeded(opts.seed());
    try (Target target = Targets.of(run, opts.device())) {
      Challenge challenge = Challenge.of(run);
      var population = run.data().train();
      int trainingSize = run.record().privacy().trainingExamples();
      ShadowRecipe recipe = opts.recipe() != null || opts.kind() == AttackKind.LOSS ? opts.recipe()
          : ShadowRecipe.of(run.record());
      int[] pool = run.split().attackerPool();
      Map<String, Object> details = new LinkedHashMap<>();
      Map<String, AttackMetrics> variants = null;
      MembershipScores scores;
      switch (opts.kind()) {
        case LOSS -> scores = LossAttack.run(target, population, challenge);
        case SHADOW -> {
          var r = ShadowModelAttack.run(target, population, challenge, pool, trainingSize, opts.shadows(),
              recipe, trainer(opts), randomness, progress);
          scores = r.scores();
          details.put("shadows", r.shadows());
          details.put("shadowTrainingSize", r.shadowTrainingSize());
          details.put("classifier", "Smile logistic regression per class on sorted log-probabilities");
        }
        case LIRA -> {
          var r = LiraAttack.run(target, population, challenge, pool, trainingSize, opts.shadows(),
              recipe, trainer(opts), randomness, progress);
          scores = r.scores().get(r.primary());
          variants = new LinkedHashMap<>();
          for (var e : r.scores().entrySet()) {
            variants.put(e.getValue().attack(), MetricsCalculator.compute(e.getValue()));
          }
          details.put("shadows", r.shadows());
          details.put("shadowTrainingSize", r.shadowTrainingSize());
          details.put("variant", r.scores().get(r.primary()).attack());
          scores = new MembershipScores("lira", scores.exampleIds(), scores.scores(), scores.members());
        }
        case RMIA -> {
          var r = RmiaAttack.run(target, population, challenge, pool, trainingSize, opts.shadows(),
              opts.populationSamples(), opts.gamma(), recipe, trainer(opts), randomness, progress);
          scores = r.scores();
          details.put("referenceModels", r.references());
          details.put("populationSamples", r.populationSamples());
          details.put("a", r.a());
          details.put("gamma", r.gamma());
        }
        default -> throw new InvalidInputException("attack " + opts.kind().id() + " is not a membership attack");
      }
      details.put("target", target.describe());
      details.put("shadowTraining", opts.batched() ? "batched where possible" : "sequential");
      return write(run.directory(), scores, variants, details, opts, created, randomness);
    }
  }

  static ShadowTrainer trainer(Options opts) {
    return opts.batched() ? new BatchedMlpTrainer(opts.device()) : new SequentialShadowTrainer(opts.device());
  }

  private static AttackRecord write(RunDirectory dir, MembershipScores scores, Map<String, AttackMetrics> variants,
      Map<String, Object> details, Options opts, Instant created, Randomness randomness) {
    String name = opts.kind().id();
    Path csv = dir.resolve("attacks/" + name + "-scores.csv");
    ScoresFile.write(csv, scores);
    AttackMetrics m = MetricsCalculator.compute(scores);
    Provenance prov = Provenance.of("attack", opts.config(), List.of(ArtifactRef.of(dir.resolve(RunDirectory.RUN_JSON),
        RunDirectory.RUN_JSON)), EnvironmentInfo.current(Engines.describe(), opts.device().toString()),
        randomness.describe(), created);
    AttackRecord rec = AttackRecord.of(name, dir.path().getFileName().toString(), prov, m, details, variants,
        ArtifactRef.of(csv, "attacks/" + name + "-scores.csv"));
    dir.writeJson("attacks/" + name + ".json", rec);
    return rec;
  }
}
