package org.dpaudit.attacks;

import ai.djl.Device;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.dpaudit.core.artifact.attack.AttackMetrics;
import org.dpaudit.attacks.metrics.MetricsCalculator;
import org.dpaudit.attacks.mia.Challenge;
import org.dpaudit.attacks.mia.LiraAttack;
import org.dpaudit.attacks.mia.LossAttack;
import org.dpaudit.attacks.mia.MembershipScores;
import org.dpaudit.attacks.mia.RmiaAttack;
import org.dpaudit.attacks.mia.ShadowModelAttack;
import org.dpaudit.attacks.shadow.BatchedMlpTrainer;
import org.dpaudit.attacks.shadow.ParallelShadowTrainer;
import org.dpaudit.attacks.shadow.ShadowPlan;
import org.dpaudit.attacks.shadow.ShadowRecipe;
import org.dpaudit.attacks.shadow.ShadowScores;
import org.dpaudit.attacks.shadow.ShadowScoresFile;
import org.dpaudit.attacks.shadow.ShadowStore;
import org.dpaudit.attacks.shadow.ShadowTrainer;
import org.dpaudit.attacks.target.ScoresTarget;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.artifact.attack.AttackRecord;
import org.dpaudit.core.io.RunDirectory;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.core.provenance.ArtifactRef;
import org.dpaudit.core.provenance.EnvironmentInfo;
import org.dpaudit.core.provenance.Provenance;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.trainers.engine.Engines;

/**
 * Runs one membership attack against a run directory and writes {@code attacks/<attack>.json} and
 * {@code attacks/<attack>-scores.csv}. Shadow and reference models are dpaudit's own, kept under
 * {@code runs/NAME/shadows/<attack>/} ({@link ShadowStore}: reused by a later run with the same
 * recipe, resumed after a kill), or the user's, read from {@code --shadow-scores}.
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
   * @param shadowScores a directory of the user's shadow scores ({@link ShadowScoresFile}), used
   *     instead of training shadow models (LiRA, RMIA); null to train them
   */
  public record Options(
      AttackKind kind, int shadows, int populationSamples, double gamma, boolean batched, Long seed, Device device,
      ShadowRecipe recipe, Path shadowScores) {
    /** Options that train their own shadows (if any). */
    public Options(AttackKind kind, int shadows, int populationSamples, double gamma, boolean batched, Long seed,
        Device device, ShadowRecipe recipe) {
      this(kind, shadows, populationSamples, gamma, batched, seed, device, recipe, null);
    }

    /** The settings as recorded in provenance (the device is recorded in the environment). */
    public AttackConfig config() {
      return new AttackConfig(kind.id(), shadows, populationSamples, gamma, batched,
          shadowScores == null ? null : shadowScores.toString());
    }
  }

  /** An attack's configuration as recorded in {@code attacks/<attack>.json}. */
  public record AttackConfig(String attack, int shadows, int populationSamples, double gamma, boolean batched,
      String shadowScores) {}

  /** Runs the attack and writes its artifacts, holding the run's lock; returns the record written. */
  public static AttackRecord run(Path runPath, Options opts, Consumer<String> progress) {
    return run(runPath, opts, null, progress);
  }

  /**
   * Runs the attack with its own shadow models trained by {@code shadowTrainer} (e.g. on a Spark
   * cluster), or by the in-process trainer the options choose when it is null, holding the run's
   * lock. The shadows' files and fingerprint do not depend on the trainer: a rerun with another one
   * reuses them.
   */
  public static AttackRecord run(Path runPath, Options opts, ShadowTrainer shadowTrainer, Consumer<String> progress) {
    return RunDirectory.locked(runPath, () -> runLocked(runPath, opts, shadowTrainer, progress));
  }

  private static AttackRecord runLocked(Path runPath, Options opts, ShadowTrainer shadowTrainer,
      Consumer<String> progress) {
    ShadowTrainer trainer = shadowTrainer != null ? shadowTrainer : trainer(opts);
    Instant created = Instant.now();
    Randomness randomness = opts.seed() == null ? Randomness.secure() : Randomness.seeded(opts.seed());
    List<ArtifactRef> inputs = new ArrayList<>();
    try (AttackedRun run = AttackedRun.open(runPath, opts.device(), progress)) {
      inputs.add(ArtifactRef.of(run.directory().resolve(RunLayout.RUN_JSON), RunLayout.RUN_JSON));
      Map<String, Object> details = new LinkedHashMap<>();
      Map<String, AttackMetrics> variants = null;
      MembershipScores scores;
      List<ShadowScores> given = opts.shadowScores() == null ? null : given(run, opts, inputs);
      switch (opts.kind()) {
        case LOSS -> scores = LossAttack.run(run.target(), run.population(), run.challenge());
        case SHADOW -> {
          var r = shokri(run, opts, trainer, randomness, details, progress);
          scores = r.scores();
          details.put("shadows", r.shadows());
          details.put("shadowTrainingSize", r.shadowTrainingSize());
          details.put("classifier", "Smile logistic regression per class on sorted log-probabilities");
        }
        case LIRA -> {
          var r = given != null ? LiraAttack.score(run.target(), run.population(), run.challenge(), given, null)
              : lira(run, opts, trainer, randomness, details, progress);
          MembershipScores primary = r.scores().get(r.primary());
          variants = new LinkedHashMap<>();
          for (var e : r.scores().entrySet()) {
            variants.put(e.getValue().attack(), MetricsCalculator.compute(e.getValue()));
          }
          details.put("shadows", r.shadows());
          if (r.shadowTrainingSize() != null) {
            details.put("shadowTrainingSize", r.shadowTrainingSize());
          }
          details.put("variant", primary.attack());
          scores = new MembershipScores("lira", primary.exampleIds(), primary.scores(), primary.members());
        }
        case RMIA -> {
          Challenge c = run.challenge();
          var r = given != null ? RmiaAttack.score(run.target(), run.population(), c, given, c.indices(), c.indices(),
              opts.gamma()) : rmia(run, opts, trainer, randomness, details, progress);
          scores = r.scores();
          details.put("referenceModels", r.references());
          details.put("populationSamples", r.populationSamples());
          if (given != null) {
            details.put("population", "the challenge examples themselves (reference models given by the user)");
          }
          details.put("a", r.a());
          details.put("gamma", r.gamma());
        }
        default -> throw new InvalidInputException("attack " + opts.kind().id() + " is not a membership attack");
      }
      details.put("target", run.target().describe());
      if (given != null) {
        details.put("shadowScores", opts.shadowScores().toString());
      } else if (opts.kind() != AttackKind.LOSS) {
        details.put("shadowTraining", shadowTrainer != null ? shadowTrainer.describe()
            : opts.batched() ? "batched where possible" : "one thread per model");
      }
      return write(run.directory(), scores, variants, details, opts, created, randomness, inputs);
    }
  }

  /** The user's shadow scores, checked against the run's labels where it has them. */
  private static List<ShadowScores> given(AttackedRun run, Options opts, List<ArtifactRef> inputs) {
    if (opts.kind() != AttackKind.LIRA && opts.kind() != AttackKind.RMIA) {
      throw new InvalidInputException("--shadow-scores is for --attack lira and rmia; the " + opts.kind().id()
          + " attack " + (opts.kind() == AttackKind.SHADOW ? "trains its classifiers on shadow models of its own"
          : "uses no shadow models"));
    }
    List<ShadowScores> given = ShadowScoresFile.readAll(opts.shadowScores());
    for (Path f : ShadowScoresFile.files(opts.shadowScores())) {
      inputs.add(ArtifactRef.of(f, f.toString()));
    }
    int[] ids = run.challenge().indices();
    boolean labelled = run.hasDataset() || !(run.target() instanceof ScoresTarget s) || s.hasLabels();
    if (labelled) {
      int[] labels = run.population().gatherLabels(ids);
      for (ShadowScores s : given) {
        s.checkLabels(ids, labels, run.hasDataset() ? "the run's dataset" : "the run's scores file");
      }
    }
    return given;
  }

  private static LiraAttack.Result lira(AttackedRun run, Options opts, ShadowTrainer trainer,
      Randomness randomness, Map<String, Object> details, Consumer<String> progress) {
    Context c = context(run, opts, randomness, Map.of("shadows", opts.shadows()));
    ShadowPlan plan = c.store().plan(c.recipeFingerprint(), () -> ShadowPlan.of("lira", c.recipeFingerprint(),
        LiraAttack.plan(run.challenge(), run.pool(), run.trainingSize(), opts.shadows(),
            randomness.stream("lira/assignment")), run.challenge().indices(), Map.of()));
    List<ShadowScores> shadows = c.store().scores(plan, run.population(), trainer, c.recipe(), randomness,
        progress);
    details.put("shadowsSaved", c.store().directory().toString());
    return LiraAttack.score(run.target(), run.population(), run.challenge(), shadows, plan.trainSets().get(0).length);
  }

  private static RmiaAttack.Result rmia(AttackedRun run, Options opts, ShadowTrainer trainer,
      Randomness randomness, Map<String, Object> details, Consumer<String> progress) {
    Context c = context(run, opts, randomness, Map.of("references", opts.shadows(), "populationSamples",
        opts.populationSamples()));
    ShadowPlan plan = c.store().plan(c.recipeFingerprint(), () -> {
      RmiaAttack.Plan p = RmiaAttack.plan(run.pool(), run.trainingSize(), opts.shadows(), opts.populationSamples(),
          randomness);
      return ShadowPlan.of("rmia", c.recipeFingerprint(), p.sets(), RmiaAttack.evaluated(run.challenge(), p.z(),
          p.tune()), Map.of("z", p.z(), "tune", p.tune()));
    });
    List<ShadowScores> refs = c.store().scores(plan, run.population(), trainer, c.recipe(), randomness,
        progress);
    details.put("shadowsSaved", c.store().directory().toString());
    return RmiaAttack.score(run.target(), run.population(), run.challenge(), refs, plan.extra("z"), plan.extra("tune"),
        opts.gamma());
  }

  private static ShadowModelAttack.Result shokri(AttackedRun run, Options opts, ShadowTrainer trainer,
      Randomness randomness, Map<String, Object> details, Consumer<String> progress) {
    Context c = context(run, opts, randomness, Map.of("shadows", opts.shadows()));
    ShadowPlan plan = c.store().plan(c.recipeFingerprint(), () -> {
      ShadowModelAttack.Plan p = ShadowModelAttack.plan(run.pool(), run.trainingSize(), opts.shadows(), randomness);
      Map<String, int[]> outs = new LinkedHashMap<>();
      for (int k = 0; k < p.outs().size(); k++) {
        outs.put("out/" + k, p.outs().get(k));
      }
      return ShadowPlan.of("shadow", c.recipeFingerprint(), p.ins(), p.eval(), outs);
    });
    List<ShadowScores> shadows = c.store().scores(plan, run.population(), trainer, c.recipe(), randomness,
        progress);
    details.put("shadowsSaved", c.store().directory().toString());
    List<int[]> outs = new ArrayList<>();
    for (int k = 0; k < plan.size(); k++) {
      outs.add(plan.extra("out/" + k));
    }
    return ShadowModelAttack.score(run.target(), run.population(), run.challenge(),
        new ShadowModelAttack.Plan(plan.trainSets(), outs, plan.evalIdx()), shadows);
  }

  /** Where an attack's own shadows are kept, the recipe they are trained with, and its fingerprint. */
  private record Context(ShadowStore store, ShadowRecipe recipe, String recipeFingerprint) {}

  private static Context context(AttackedRun run, Options opts, Randomness randomness, Map<String, Object> settings) {
    if (!run.hasDataset()) {
      throw new InvalidInputException("run " + run.record().name() + " was imported from a scores file without "
          + "--dataset, so dpaudit has no examples to train shadow models on; give the scores of shadow models you "
          + "trained with --shadow-scores DIR (lira, rmia)");
    }
    ShadowRecipe recipe = opts.recipe() != null ? opts.recipe() : ShadowRecipe.of(run.record());
    String attack = opts.kind().id();
    String fp = ShadowStore.fingerprint(attack, recipe, settings, run.dataIdentity(), randomness);
    return new Context(new ShadowStore(run.directory().resolve(RunLayout.SHADOWS_DIR), attack), recipe, fp);
  }

  static ShadowTrainer trainer(Options opts) {
    return opts.batched() ? new BatchedMlpTrainer(opts.device()) : new ParallelShadowTrainer(opts.device());
  }

  private static AttackRecord write(RunDirectory dir, MembershipScores scores, Map<String, AttackMetrics> variants,
      Map<String, Object> details, Options opts, Instant created, Randomness randomness, List<ArtifactRef> inputs) {
    String name = opts.kind().id();
    Path csv = dir.resolve(RunLayout.attackScores(name));
    ScoresFile.write(csv, scores);
    AttackMetrics m = MetricsCalculator.compute(scores);
    Provenance prov = Provenance.of("attack", opts.config(), inputs, EnvironmentInfo.current(Engines.describe(),
        opts.device().toString()), randomness.describe(), created);
    AttackRecord rec = AttackRecord.of(name, dir.path().getFileName().toString(), prov, m, details, variants,
        ArtifactRef.of(csv, RunLayout.attackScores(name)));
    dir.writeJson(RunLayout.attackJson(name), rec);
    return rec;
  }
}
