package org.dpaudit.audit;

import ai.djl.Device;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.dpaudit.attacks.AttackKind;
import org.dpaudit.core.artifact.ArtifactSchema;
import org.dpaudit.core.artifact.attack.AttackRecord;
import org.dpaudit.attacks.AttackRunner;
import org.dpaudit.attacks.ScoresFile;
import org.dpaudit.attacks.target.Target;
import org.dpaudit.attacks.target.Targets;
import org.dpaudit.audit.canary.CanaryScores;
import org.dpaudit.audit.canary.RunInclusion;
import org.dpaudit.audit.whitebox.WhiteBoxAuditor;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.artifact.audit.AttackSummary;
import org.dpaudit.core.artifact.audit.AuditRecord;
import org.dpaudit.core.artifact.audit.CanarySummary;
import org.dpaudit.core.artifact.audit.WhiteBoxSummary;
import org.dpaudit.core.io.RunDirectory;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.core.io.Sha256;
import org.dpaudit.core.provenance.ArtifactRef;
import org.dpaudit.core.provenance.EnvironmentInfo;
import org.dpaudit.core.provenance.Provenance;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.canary.Canaries;
import org.dpaudit.datasets.canary.CanaryKind;
import org.dpaudit.datasets.canary.CanarySet;
import org.dpaudit.trainers.engine.DeviceChoice;
import org.dpaudit.trainers.engine.Engines;
import org.dpaudit.trainers.canary.WhiteBoxFiles;
import org.dpaudit.core.artifact.run.CanaryRecord;
import org.dpaudit.trainers.run.LoadedRun;
import org.dpaudit.core.artifact.run.PrivacyRecord;
import org.dpaudit.core.artifact.run.RunIntegrity;
import org.dpaudit.core.artifact.run.RunRecord;

/**
 * {@code dpaudit audit --run}: gathers a run's evidence (attack results already in the run, the
 * loss attack when there are none, the canaries scored by the model), computes the empirical
 * epsilon ({@link Auditor}) and the verdict ({@link Verdicts}), and writes {@code audit.json}.
 *
 * <p>Attack results are used only if they were made from the run's current {@code run.json} and
 * their scores file still has its recorded SHA-256; otherwise the audit stops rather than bound
 * stale or altered scores. The model and the dataset are loaded only when needed (canaries to
 * score, or the loss attack to run).
 */
public final class RunAuditor {
  private RunAuditor() {}

  /**
   * How to run.
   *
   * @param seed the seed of the audit's randomness (threshold splits, canary tie-breaks and a loss
   *     attack run on the way), or null for secure randomness
   * @param device where to run the model; the engine is loaded only when the model is needed (canaries
   *     to score, or the loss attack to run)
   */
  public record Options(AuditConfig config, Long seed, DeviceChoice device) {
    public Options {
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(device, "device");
    }
  }

  /** Audits the run at {@code runPath} (holding its lock), writes {@code audit.json} there and returns it. */
  public static AuditRecord run(Path runPath, Options opts, Consumer<String> progress) {
    return RunDirectory.locked(runPath, () -> runLocked(runPath, opts, progress));
  }

  private static AuditRecord runLocked(Path runPath, Options opts, Consumer<String> progress) {
    Instant created = Instant.now();
    RunDirectory dir = RunDirectory.open(runPath);
    RunRecord run = ArtifactSchema.RUN.read(dir);
    RunIntegrity.verify(dir, run);
    PrivacyRecord privacy = run.privacy();
    if (privacy == null) {
      throw new ArtifactException(runPath + ": run.json has no privacy block; there is no claim to audit");
    }
    String runSha = Sha256.of(dir.resolve(RunLayout.RUN_JSON));
    List<ArtifactRef> inputs = new ArrayList<>(List.of(new ArtifactRef(RunLayout.RUN_JSON, runSha)));
    Randomness randomness = opts.seed() == null ? Randomness.secure() : Randomness.seeded(opts.seed());
    LazyDevice device = new LazyDevice(opts.device());
    Map<String, AttackSummary> summaries = new LinkedHashMap<>();
    List<Auditor.AttackEvidence> attacks = new ArrayList<>();
    for (AttackKind kind : attacksToUse(dir, opts.config(), run.canaries() != null)) {
      AttackRecord rec = attackRecord(dir, kind, runSha, opts.seed(), device, progress);
      Auditor.AttackEvidence e = evidence(dir, rec, inputs);
      summaries.put(rec.attack(), e.summary());
      attacks.add(e);
    }
    RunInclusion inclusion = run.canaries() == null ? null : new RunInclusion(dir, run.canaries());
    boolean whiteBox = run.canaries() != null && run.canaries().whiteBox();
    Auditor.CanaryEvidence canaries = inclusion == null || whiteBox ? null
        : canaryEvidence(dir, run, inclusion, device.get(), progress);
    WhiteBoxFiles.Data observations = null;
    if (whiteBox) {
      progress.accept("auditing " + run.canaries().count() + " white-box canaries against the run's ledger");
      observations = WhiteBoxFiles.read(dir, run.canaries().observationsFile(), run.canaries().observationsSha256());
      inputs.add(new ArtifactRef(run.canaries().observationsFile(), run.canaries().observationsSha256()));
      inputs.add(observations.observations().scores());
    }
    Auditor.Outcome outcome = Auditor.empirical(attacks, canaries,
        observations == null ? null : new Auditor.WhiteBoxEvidence(observations, inclusion), privacy.ledger(),
        opts.config().confidence(), privacy.delta(), opts.config().threshold(),
        privacy.samplerTailDelta() == null ? 0 : privacy.samplerTailDelta(),
        randomness);
    CanarySummary canarySummary = null;
    WhiteBoxSummary whiteBoxSummary = null;
    if (inclusion != null) {
      inputs.add(ArtifactRef.of(dir.resolve(inclusion.file()), inclusion.file()));
    }
    if (canaries != null) {
      canarySummary = new CanarySummary(run.canaries().count(), run.canaries().kind(), canaries.scores().statistic(),
          outcome.canaries().rules(), outcome.canaries().included(), fdpNote(canaries.gaussianCurve()),
          outcome.canaries().ledger());
    }
    if (outcome.whiteBox() != null) {
      whiteBoxSummary = whiteBoxSummary(outcome.whiteBox(), observations.observations().nullCoordinates(),
          observations.observations().steps());
    }
    // A model imported without its training parameters has no proven epsilon: nothing bounds it
    // from above, so only its claim can be checked.
    double accountant = privacy.accountantEpsilon() == null ? Double.POSITIVE_INFINITY
        : privacy.accountantEpsilon().epsilon();
    // "not proven" is said of a claim: a non-private run claims nothing, and its infinity is the whole story
    String unproven = Double.isInfinite(accountant) && !Double.isInfinite(privacy.claimedEpsilon())
        ? unprovenReason(privacy) : null;
    Judgement j = Verdicts.judge(privacy.claimedEpsilon(), accountant, outcome.empirical(),
        new Verdicts.Tests(outcome.ledger(), outcome.checks(), unproven));
    EnvironmentInfo env = device.used() ? EnvironmentInfo.current(Engines.describe(), device.get().toString())
        : EnvironmentInfo.current();
    AuditRecord rec = new AuditRecord(AuditRecord.SCHEMA_VERSION, AuditRecord.KIND, run.name(),
        Provenance.of("audit", opts.config(), inputs, env, randomness.describe(), created), privacy.scheme(),
        privacy.claimedEpsilon(), accountant, unproven, privacy.delta(),
        run.metrics() == null ? null : run.metrics().testAccuracy(), outcome.empirical(),
        summaries, canarySummary, whiteBoxSummary, j.verdict(), j.leaks(), j.reason());
    dir.writeJson(RunLayout.AUDIT_JSON, rec);
    return rec;
  }

  /**
   * The requested attacks, or every membership attack with results in the run; when there are none,
   * the loss attack, run here, unless the run has canaries (which decide; attacks are estimates).
   */
  static List<AttackKind> attacksToUse(RunDirectory dir, AuditConfig config, boolean hasCanaries) {
    if (!config.attacks().isEmpty()) {
      return config.attacks();
    }
    List<AttackKind> present = new ArrayList<>();
    for (AttackKind k : AttackKind.values()) {
      if (k != AttackKind.INVERSION && dir.has(attackJson(k))) {
        present.add(k);
      }
    }
    return present.isEmpty() && !hasCanaries ? List.of(AttackKind.LOSS) : present;
  }

  private static AttackRecord attackRecord(RunDirectory dir, AttackKind kind, String runSha, Long seed,
      LazyDevice device, Consumer<String> progress) {
    if (!dir.has(attackJson(kind))) {
      if (kind != AttackKind.LOSS) {
        throw new InvalidInputException(dir.path() + " has no " + attackJson(kind) + "; run 'dpaudit attack --run "
            + dir.path() + " --attack " + kind.id() + "' first (the audit runs only the loss attack itself)");
      }
      progress.accept("no loss attack results in " + dir.path() + "; running the loss attack");
      return AttackRunner.run(dir.path(), new AttackRunner.Options(AttackKind.LOSS, 0, 1000, 1.0, true, seed,
          device.get(), null), progress);
    }
    AttackRecord rec = ArtifactSchema.ATTACK.read(dir, attackJson(kind));
    boolean fresh = rec.provenance().inputs().stream()
        .anyMatch(r -> RunLayout.RUN_JSON.equals(r.path()) && runSha.equals(r.sha256()));
    if (!fresh) {
      throw new ArtifactException(dir.resolve(attackJson(kind)) + " was made from a different run.json (the run was "
          + "retrained or edited since); run 'dpaudit attack --run " + dir.path() + " --attack " + kind.id() + "' again");
    }
    return rec;
  }

  private static Auditor.AttackEvidence evidence(RunDirectory dir, AttackRecord rec, List<ArtifactRef> inputs) {
    String json = RunLayout.attackJson(rec.attack());
    inputs.add(ArtifactRef.of(dir.resolve(json), json));
    if (rec.scores() == null) {
      throw new ArtifactException(dir.resolve(json) + " names no scores file; run the attack again");
    }
    Path scores = dir.resolve(rec.scores().path());
    String sha = Sha256.of(scores);
    if (!sha.equals(rec.scores().sha256())) {
      throw new ArtifactException(scores + " does not match the SHA-256 recorded in " + json
          + "; the scores were changed after the attack");
    }
    inputs.add(new ArtifactRef(rec.scores().path(), sha));
    return new Auditor.AttackEvidence(AttackSummary.of(rec), ScoresFile.read(scores, rec.attack()));
  }

  /** Scores every canary with the model: the run directory's inclusion file is not touched here. */
  private static Auditor.CanaryEvidence canaryEvidence(RunDirectory dir, RunRecord record, RunInclusion inclusion,
      Device device, Consumer<String> progress) {
    CanaryRecord c = record.canaries();
    LoadedRun run = LoadedRun.open(dir.path(), progress);
    CanarySet set = Canaries.build(run.data().train(), run.split(), c.count(), kind(c.kind()), c.seed());
    CanaryScores scores;
    try (Target target = Targets.of(run, device)) {
      scores = CanaryScores.loss(target, set.examples());
    }
    boolean gaussian = GaussianCurve.holds(record.privacy().ledger().composedEvent());
    return new Auditor.CanaryEvidence(scores, inclusion, gaussian);
  }

  private static CanaryKind kind(String id) {
    try {
      return CanaryKind.valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new ArtifactException("run.json names an unknown canary kind '" + id + "'");
    }
  }

  /** Why the accountant proves nothing for a run: its ledger's caveats, or the bare fact. */
  static String unprovenReason(PrivacyRecord privacy) {
    if (privacy.accountantEpsilon() == null) {
      return "the run records no training ledger (an imported model without its training parameters: import with "
          + "--noise-multiplier and --sampling-rate/--steps to have them accounted)";
    }
    List<String> caveats = privacy.ledger() == null ? List.of() : privacy.ledger().caveats();
    return caveats.isEmpty() ? "its ledger records a release without noise" : "not proven: " + caveats.get(0);
  }

  private static String fdpNote(boolean gaussian) {
    return gaussian
        ? "computed for information: the ledger holds only un-subsampled Gaussian releases, so the trade-off curve is "
            + "Gaussian; never used for the verdict"
        : "not computed: it assumes a Gaussian trade-off curve, which this run's mechanism (subsampled or not "
            + "Gaussian) does not have";
  }

  /** The device, resolved (and the engine loaded) on first use only. */
  private static final class LazyDevice {
    private final DeviceChoice choice;
    private Device device;

    LazyDevice(DeviceChoice choice) {
      this.choice = choice;
    }

    Device get() {
      if (device == null) {
        device = Engines.device(choice);
      }
      return device;
    }

    boolean used() {
      return device != null;
    }
  }

  static String attackJson(AttackKind k) {
    return RunLayout.attackJson(k.id());
  }

  /** The white-box block of audit.json for a white-box audit's result. */
  private static WhiteBoxSummary whiteBoxSummary(WhiteBoxAuditor.Result r, int nullCoordinates, long steps) {
    return new WhiteBoxSummary(WhiteBoxAuditor.THREAT_MODEL, r.canaries(), nullCoordinates, steps, r.included(),
        r.score(), r.plan().how(), r.plan().rules(), r.counts(), r.ledger(), r.checks(), r.checksLevel());
  }
}
