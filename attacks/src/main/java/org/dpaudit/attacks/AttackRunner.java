package org.dpaudit.attacks;

import ai.djl.Device;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.dpaudit.attacks.metrics.MetricsCalculator;
import org.dpaudit.attacks.mia.AttackContext;
import org.dpaudit.attacks.mia.LiraAttack;
import org.dpaudit.attacks.mia.LossAttack;
import org.dpaudit.attacks.mia.MembershipAttack;
import org.dpaudit.attacks.mia.MembershipResult;
import org.dpaudit.attacks.mia.MembershipScores;
import org.dpaudit.attacks.mia.RmiaAttack;
import org.dpaudit.attacks.mia.ShadowModelAttack;
import org.dpaudit.attacks.shadow.BatchedMlpTrainer;
import org.dpaudit.attacks.shadow.ParallelShadowTrainer;
import org.dpaudit.attacks.shadow.ShadowRecipe;
import org.dpaudit.attacks.shadow.ShadowScores;
import org.dpaudit.attacks.shadow.ShadowScoresFile;
import org.dpaudit.attacks.shadow.ShadowStore;
import org.dpaudit.attacks.shadow.ShadowTrainer;
import org.dpaudit.attacks.shadow.Shadows;
import org.dpaudit.attacks.target.ScoresTarget;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.artifact.attack.AttackMetrics;
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
 *
 * <p>The attacks are {@link MembershipAttack}s looked up by id: what every attack shares (the run,
 * its lock, the user's shadow scores, metrics, provenance, the files) is done here once, and what
 * differs is in each attack's class.
 */
public final class AttackRunner {
  /** Every membership attack, by the id {@code --attack} takes: one line per attack. */
  private static final Map<AttackKind, MembershipAttack> ATTACKS = registry(
      new LossAttack(),
      new ShadowModelAttack(),
      new LiraAttack(),
      new RmiaAttack());

  private AttackRunner() {}

  private static Map<AttackKind, MembershipAttack> registry(MembershipAttack... attacks) {
    Map<AttackKind, MembershipAttack> m = new EnumMap<>(AttackKind.class);
    for (MembershipAttack a : attacks) {
      if (m.put(a.kind(), a) != null) {
        throw new IllegalStateException("two attacks for " + a.kind().id());
      }
    }
    return m;
  }

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
    MembershipAttack attack = attack(opts.kind());
    ShadowTrainer trainer = shadowTrainer != null ? shadowTrainer : trainer(opts);
    Instant created = Instant.now();
    Randomness randomness = opts.seed() == null ? Randomness.secure() : Randomness.seeded(opts.seed());
    List<ArtifactRef> inputs = new ArrayList<>();
    try (AttackedRun run = AttackedRun.open(runPath, opts.device(), progress)) {
      inputs.add(ArtifactRef.of(run.directory().resolve(RunLayout.RUN_JSON), RunLayout.RUN_JSON));
      List<ShadowScores> given = opts.shadowScores() == null ? null : given(run, attack, opts, inputs);
      Shadows shadows = new Shadows(run, opts.kind().id(), opts.shadows(), given, trainer, opts.recipe(), randomness,
          progress);
      MembershipResult result = attack.run(new AttackContext(run.target(), run.population(), run.challenge(), shadows,
          opts.populationSamples(), opts.gamma(), randomness, progress));
      Map<String, Object> details = new LinkedHashMap<>(result.details().fields());
      details.put("target", run.target().describe());
      if (given != null) {
        details.put("shadowScores", opts.shadowScores().toString());
      } else if (attack.shadowUse() != MembershipAttack.ShadowUse.NONE) {
        details.put("shadowTraining", shadowTrainer != null ? shadowTrainer.describe()
            : opts.batched() ? "batched where possible" : "one thread per model");
      }
      return write(run.directory(), result.scores(), result.variants(), details, opts, created, randomness, inputs);
    }
  }

  /** The membership attack {@code kind} runs; a one-line error for one that is not a membership attack. */
  public static MembershipAttack attack(AttackKind kind) {
    MembershipAttack a = ATTACKS.get(kind);
    if (a == null) {
      throw new InvalidInputException("attack " + kind.id() + " is not a membership attack");
    }
    return a;
  }

  /** The user's shadow scores, checked against the run's labels where it has them. */
  private static List<ShadowScores> given(AttackedRun run, MembershipAttack attack, Options opts,
      List<ArtifactRef> inputs) {
    if (!attack.shadowUse().acceptsGiven()) {
      throw new InvalidInputException("--shadow-scores is for --attack lira and rmia; the " + opts.kind().id()
          + " attack " + attack.shadowUse().whyNotGiven());
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
