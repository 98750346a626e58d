package org.dpaudit.audit.mutants;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.dpaudit.audit.AuditConfig;
import org.dpaudit.core.artifact.audit.AuditRecord;
import org.dpaudit.audit.RunAuditor;
import org.dpaudit.core.Checks;
import org.dpaudit.core.io.AtomicFiles;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.PrivacyLedger;
import org.dpaudit.datasets.canary.CanaryKind;
import org.dpaudit.datasets.split.SplitSpec;
import org.dpaudit.trainers.engine.DeviceChoice;
import org.dpaudit.trainers.grad.ConvGradMethod;
import org.dpaudit.trainers.loop.DataConfig;
import org.dpaudit.trainers.loop.OptimConfig;
import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.core.artifact.run.SamplerKind;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.dpaudit.trainers.loop.TrainingListener;
import org.dpaudit.trainers.optim.LrSchedule;
import org.dpaudit.trainers.optim.OptimizerKind;
import org.dpaudit.trainers.run.Mutation;
import org.dpaudit.core.artifact.run.PrivacyRecord;
import org.dpaudit.core.accounting.RunAccounting;
import org.dpaudit.core.artifact.run.RunRecord;
import org.dpaudit.trainers.run.TrainRequest;
import org.dpaudit.trainers.run.TrainingRun;
import org.dpaudit.trainers.schemes.Schemes;

/**
 * The proof that the audit catches real bugs: DP-SGD trained with one injected bug each, whose
 * ledger and claim still say what a correct implementation would, audited with white-box canaries;
 * and the correct implementation, run with several seeds, which must never be flagged.
 *
 * <p>A mutant is detected when its audit's verdict is a violation (claim- or accountant-violated)
 * at the audit's confidence. Each row also gives the true epsilon of the broken mechanism where it
 * can be computed (the accountant on the ledger the broken code really has), so a reader sees how
 * much the paperwork understates.
 */
public final class MutationSuite {
  private MutationSuite() {}

  /**
   * One mutant.
   *
   * @param name short id
   * @param description the bug in words
   * @param mutation how it is injected
   * @param trueLedger the ledger of what the broken code really does, from the correct one (null
   *     when no finite epsilon exists for it or none is computed)
   * @param trueNote what the true epsilon is when it is not computed from a ledger
   */
  record Mutant(String name, String description, Mutation mutation,
      java.util.function.UnaryOperator<PrivacyLedger> trueLedger, String trueNote) {}

  /** The bugs of the suite, as the issue lists them, plus the noise 10x too small. */
  static List<Mutant> mutants(boolean quick) {
    List<Mutant> all = new ArrayList<>();
    all.add(noise(3));
    all.add(new Mutant("no-bias-noise", "no noise on the bias tensors",
        mutation("no-bias-noise", MutantScheme.Bug.NO_BIAS_NOISE, 1, 1), null, "inf (un-noised coordinates)"));
    if (quick) {
      return all;
    }
    all.add(noise(10));
    all.add(new Mutant("no-clipping", "per-example clipping skipped",
        mutation("no-clipping", MutantScheme.Bug.NO_CLIPPING, 1, 1), null, "inf (unbounded sensitivity)"));
    all.add(new Mutant("double-sampling", "examples sampled at twice the ledger's rate",
        new Mutation("double-sampling", s -> s, 2), l -> resampled(l, 2), null));
    all.add(new Mutant("reused-noise", "the same noise vector at every step",
        mutation("reused-noise", MutantScheme.Bug.REUSED_NOISE, 1, 1), null, "inf (noise cancels between steps)"));
    all.add(new Mutant("realised-divisor", "noise added to the sum, then divided by the realised batch size",
        mutation("realised-divisor", MutantScheme.Bug.REALISED_DIVISOR, 1, 1), null,
        "not computed (the divisor releases the batch size)"));
    return all;
  }

  private static Mutant noise(int divisor) {
    return new Mutant("noise/" + divisor, "noise multiplier 1/" + divisor + " of the recorded one",
        mutation("noise/" + divisor, MutantScheme.Bug.NOISE_FACTOR, 1.0 / divisor, 1), l -> renoised(l, 1.0 / divisor),
        null);
  }

  private static Mutation mutation(String name, MutantScheme.Bug bug, double noiseFactor, double samplingFactor) {
    return new Mutation(name, s -> MutantScheme.of(s, bug, noiseFactor), samplingFactor);
  }

  /**
   * What the suite runs.
   *
   * @param quick the short form for CI: two mutants and the correct run, on a small MLP run
   * @param correctSeeds how many seeds the correct implementation runs with
   * @param out where the runs go (one directory per run)
   * @param seed the root seed (each run derives its own)
   */
  public record Config(boolean quick, int correctSeeds, Path out, long seed, DeviceChoice device) {
    public Config {
      Checks.positive("correct seeds", correctSeeds);
      Objects.requireNonNull(out, "out");
      Objects.requireNonNull(device, "device");
    }
  }

  /**
   * One row of the table.
   *
   * @param mutant the mutant's name ({@code correct} for the correct implementation)
   * @param description the bug in words
   * @param seed the run's seed
   * @param trueEpsilon the broken mechanism's epsilon where computed (null otherwise)
   * @param trueNote what it is when not computed
   * @param claimedEpsilon what the paperwork claims
   * @param accountantEpsilon what the accountant proves for the (correct-looking) ledger
   * @param empiricalEpsilon the audit's lower bound
   * @param verdict the audit's verdict
   * @param detected whether the verdict is a violation
   * @param reason the audit's reason
   */
  public record Row(String mutant, String description, long seed, Double trueEpsilon, String trueNote,
      double claimedEpsilon, double accountantEpsilon, double empiricalEpsilon, String verdict, boolean detected,
      String reason) {}

  /** The suite's result: the rows, and whether every mutant was detected and no correct run flagged. */
  public record Result(int schemaVersion, String kind, String size, List<Row> rows, boolean passed) {
    public Result {
      rows = List.copyOf(rows);
    }
  }

  /** Runs the suite; {@code progress} gets a line per run started and finished. */
  public static Result run(Config config, Consumer<String> progress) {
    List<Mutant> mutants = mutants(config.quick());
    int total = mutants.size() + config.correctSeeds();
    List<Row> rows = new ArrayList<>();
    int k = 0;
    for (Mutant m : mutants) {
      rows.add(runOne(config, m, config.seed(), ++k, total, progress));
    }
    Mutant correct = new Mutant("correct", "the correct implementation", Mutation.NONE, l -> l, null);
    for (int s = 0; s < config.correctSeeds(); s++) {
      rows.add(runOne(config, correct, config.seed() + 1 + s, ++k, total, progress));
    }
    boolean passed = rows.stream().allMatch(r -> r.mutant().equals("correct") != r.detected());
    Result result = new Result(1, "mutation-suite", config.quick() ? "quick" : "full", rows, passed);
    AtomicFiles.writeString(config.out().resolve("mutants.json"), Json.write(result));
    return result;
  }

  private static Row runOne(Config config, Mutant m, long seed, int k, int total, Consumer<String> progress) {
    String dirName = m.name().replace('/', '-') + (m.name().equals("correct") ? "-seed" + seed : "");
    Path dir = config.out().resolve(dirName);
    progress.accept(String.format(Locale.ROOT, "mutants: %d/%d training %s (seed %d)", k, total, m.name(), seed));
    RunRecord run = TrainingRun.execute(new TrainRequest(training(config.quick()), dir, config.device(), seed,
        canaries(config.quick()), CanaryKind.GRADIENT, false, true), TrainingListener.SILENT, line -> { },
        m.mutation());
    AuditRecord a = RunAuditor.run(dir, new RunAuditor.Options(new AuditConfig(), seed, config.device()), line -> { });
    PrivacyRecord p = run.privacy();
    Double truth = null;
    if (m.trueLedger() != null) {
      PrivacyLedger real = m.trueLedger().apply(p.ledger());
      truth = new RunAccounting().account(real, p.delta(), p.samplerTailDelta() == null ? 0 : p.samplerTailDelta())
          .epsilon();
    }
    boolean detected = a.verdict().isViolation();
    progress.accept(String.format(Locale.ROOT, "mutants: %d/%d %s: %s, empirical >= %.3f%s", k, total, m.name(),
        a.verdict().id(), a.empiricalEpsilon().lower(), detected ? " (detected)" : ""));
    return new Row(m.name(), m.description(), seed, truth, m.trueNote(), a.claimedEpsilon(), a.accountantEpsilon(),
        a.empiricalEpsilon().lower(), a.verdict().id(), detected, a.reason());
  }

  /** The runs: the demo's DP-SGD size (full) or a small MLP (quick), on MNIST, epsilon 2. */
  static TrainingConfig training(boolean quick) {
    String model = quick ? "mlp" : "cnn";
    SplitSpec split = quick ? new SplitSpec(500, 0, 0, 1000, 0) : new SplitSpec(1000, 0, 0, 2000, 0);
    int epochs = quick ? 8 : 15;
    return new TrainingConfig(model, new DataConfig("mnist", null, null, split),
        new OptimConfig(epochs, 128, OptimizerKind.SGD, 0.5, 0.0, LrSchedule.CONSTANT),
        new PrivacyConfig(Schemes.DPSGD.name(), 1.0, null, 2.0, 1e-5, SamplerKind.POISSON, Map.of()), ConvGradMethod.AUTO, 0);
  }

  /** White-box canaries per run: cheap, so many. */
  static int canaries(boolean quick) {
    return quick ? 5000 : 20000;
  }

  /** The ledger with every noise multiplier times {@code factor}. */
  static PrivacyLedger renoised(PrivacyLedger l, double factor) {
    return mapped(l, e -> e instanceof DpEvent.PoissonSampled p && p.event() instanceof DpEvent.Gaussian g
        ? new DpEvent.PoissonSampled(p.samplingRate(), new DpEvent.Gaussian(g.noiseMultiplier() * factor)) : e);
  }

  /** The ledger with every sampling rate times {@code factor}. */
  static PrivacyLedger resampled(PrivacyLedger l, double factor) {
    return mapped(l, e -> e instanceof DpEvent.PoissonSampled p
        ? new DpEvent.PoissonSampled(Math.min(1, p.samplingRate() * factor), p.event()) : e);
  }

  private static PrivacyLedger mapped(PrivacyLedger l, java.util.function.UnaryOperator<DpEvent> f) {
    PrivacyLedger out = PrivacyLedger.empty();
    for (var e : l.entries()) {
      out = out.append(f.apply(e.event()), e.count());
    }
    return out;
  }
}
