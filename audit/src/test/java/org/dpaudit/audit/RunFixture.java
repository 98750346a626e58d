package org.dpaudit.audit;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.dpaudit.core.artifact.attack.AttackRecord;
import org.dpaudit.attacks.ScoresFile;
import org.dpaudit.attacks.metrics.MetricsCalculator;
import org.dpaudit.attacks.mia.MembershipScores;
import org.dpaudit.core.io.RunDirectory;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.core.privacy.PrivacyLedger;
import org.dpaudit.core.io.Sha256;
import org.dpaudit.core.provenance.ArtifactRef;
import org.dpaudit.core.provenance.DatasetCard;
import org.dpaudit.core.provenance.EnvironmentInfo;
import org.dpaudit.core.provenance.Provenance;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.core.artifact.run.SamplerKind;
import org.dpaudit.trainers.run.ProvenLedgers;
import org.dpaudit.audit.selftest.WhiteBoxSimulator;
import org.dpaudit.trainers.canary.WhiteBoxFiles;
import org.dpaudit.core.artifact.run.CanaryRecord;
import org.dpaudit.trainers.run.TrainingRun;
import org.dpaudit.core.artifact.run.MetricsRecord;
import org.dpaudit.core.artifact.run.PrivacyRecord;
import org.dpaudit.core.artifact.run.RunRecord;

/**
 * Hand-made run directories for audit and gate tests: a {@code run.json} with chosen claimed and
 * accountant epsilons, and attack results ({@code attacks/<name>.json} and its scores file) with
 * members scoring {@code N(shift, 1)} and non-members {@code N(0, 1)}. No model, no dataset, no
 * canaries: the audit reads only these files. A large shift with a small accountant epsilon is a
 * deliberately mislabelled accountant.
 */
public final class RunFixture {
  private static final NormalDistribution N01 = NormalDistribution.of(0, 1);

  private final Path dir;
  private String scheme = "dpsgd";
  private double claimed = 2;
  private double accountant = 2;
  private double delta = 1e-5;
  private double testAccuracy = 0.9;
  private final List<Attack> attacks = new ArrayList<>();
  private WhiteBoxSimulator whiteBox;
  private WhiteBoxSimulator.Defect defect;
  private long whiteBoxSeed;
  private List<String> caveats = List.of();

  private record Attack(String name, double shift, int members, int nonMembers, long seed) {}

  private RunFixture(Path dir) {
    this.dir = dir;
  }

  /** A fixture to be written to {@code dir}. */
  public static RunFixture at(Path dir) {
    return new RunFixture(dir);
  }

  /** A non-private run: claimed and accountant epsilon infinite. */
  public RunFixture nonPrivate() {
    scheme = "nonprivate";
    claimed = Double.POSITIVE_INFINITY;
    accountant = Double.POSITIVE_INFINITY;
    return this;
  }

  public RunFixture claimed(double eps) {
    claimed = eps;
    return this;
  }

  public RunFixture accountant(double eps) {
    accountant = eps;
    return this;
  }

  public RunFixture delta(double d) {
    delta = d;
    return this;
  }

  public RunFixture testAccuracy(double acc) {
    testAccuracy = acc;
    return this;
  }

  /** Adds attack {@code name}: members N(shift, 1), non-members N(0, 1), drawn from {@code seed}. */
  public RunFixture attack(String name, double shift, int members, int nonMembers, long seed) {
    attacks.add(new Attack(name, shift, members, nonMembers, seed));
    return this;
  }

  /**
   * White-box canaries simulated by {@code sim} with {@code defect}: the run's ledger becomes the
   * simulator's, and the accountant's epsilon what that ledger proves ({@link #proven}), whatever
   * {@link #accountant} set.
   */
  public RunFixture whiteBox(WhiteBoxSimulator sim, WhiteBoxSimulator.Defect defect, long seed) {
    this.whiteBox = sim;
    this.defect = defect;
    this.whiteBoxSeed = seed;
    return this;
  }

  /** What {@code sim}'s ledger proves at delta 1e-5: the accountant epsilon of a white-box fixture. */
  public static double proven(WhiteBoxSimulator sim) {
    return ProvenLedgers.of(sim.ledger(), 1e-5).epsilons().epsilon();
  }

  /** Caveats in the ledger (what the accountant does not cover). */
  public RunFixture caveats(String... c) {
    caveats = List.of(c);
    return this;
  }

  /** Writes run.json and the attack results; returns the directory. */
  public Path write() {
    RunDirectory run = RunDirectory.create(dir);
    CanaryRecord canaries = null;
    if (whiteBox != null) {
      WhiteBoxSimulator.Run sim = whiteBox.run(defect, Randomness.seeded(whiteBoxSeed).stream("fixture/white-box"));
      run.writeJson(RunLayout.CANARY_INCLUSION, new TrainingRun.CanaryInclusion(1, "canary-inclusion", sim.included()));
      String sha = WhiteBoxFiles.write(run, sim.summary(), 10, 1, 1, true);
      canaries = new CanaryRecord(whiteBox.canaries(), "gradient", 0, RunLayout.CANARY_INCLUSION,
          Sha256.of(run.resolve(RunLayout.CANARY_INCLUSION)), RunLayout.WHITE_BOX_JSON, sha);
    }
    run.writeJson(RunLayout.RUN_JSON, record(dir.getFileName().toString(), canaries));
    String runSha = Sha256.of(run.resolve(RunLayout.RUN_JSON));
    for (Attack a : attacks) {
      writeAttack(run, a, runSha);
    }
    return dir;
  }

  private RunRecord record(String name, CanaryRecord canaries) {
    Provenance prov = Provenance.of("train", Map.of("fixture", true), List.of(), EnvironmentInfo.current(), null,
        Instant.parse("2024-01-01T00:00:00Z"));
    DatasetCard card = new DatasetCard("synthetic", "test fixture", List.of(), 0, 0, List.of(1), 2, null);
    // The ledger must prove the recorded epsilon: audits recompute it (RunIntegrity). With white-box
    // canaries the ledger is the simulator's, and the epsilon what it proves.
    ProvenLedgers.Proven proven = whiteBox != null ? ProvenLedgers.of(whiteBox.ledger(), delta)
        : ProvenLedgers.proving(accountant, delta);
    PrivacyLedger ledger = proven.ledger();
    for (String c : caveats) {
      ledger = ledger.withCaveat(c);
    }
    PrivacyRecord privacy = new PrivacyRecord(scheme, claimed, "fixture claim", proven.epsilons(), delta, 1.0, 1.0,
        0.01, 1000, ledger.steps(), SamplerKind.POISSON, caveats, ledger);
    return new RunRecord(RunRecord.SCHEMA_VERSION, "run", name, "fixture", prov, card, null, privacy,
        new MetricsRecord(1.0, testAccuracy, List.of(), 0, 0), canaries);
  }

  private static void writeAttack(RunDirectory run, Attack a, String runSha) {
    RandomGenerator rng = Randomness.seeded(a.seed()).stream("fixture/" + a.name());
    int n = a.members() + a.nonMembers();
    int[] ids = new int[n];
    double[] scores = new double[n];
    boolean[] members = new boolean[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i;
      members[i] = i < a.members();
      scores[i] = (members[i] ? a.shift() : 0) + normal(rng);
    }
    MembershipScores s = new MembershipScores(a.name(), ids, scores, members);
    String csv = "attacks/" + a.name() + "-scores.csv";
    ScoresFile.write(run.resolve(csv), s);
    Provenance prov = Provenance.of("attack", Map.of("attack", a.name()), List.of(new ArtifactRef(RunLayout.RUN_JSON,
        runSha)), EnvironmentInfo.current(), null, Instant.parse("2024-01-01T00:00:00Z"));
    AttackRecord rec = AttackRecord.of(a.name(), run.path().getFileName().toString(), prov, MetricsCalculator.compute(s),
        Map.of(), null, ArtifactRef.of(run.resolve(csv), csv));
    run.writeJson("attacks/" + a.name() + ".json", rec);
  }

  /** A standard normal draw by inversion (no generator's own Gaussian method). */
  public static double normal(RandomGenerator rng) {
    double u;
    do {
      u = rng.nextDouble();
    } while (u == 0);
    return N01.inverseCumulativeProbability(u);
  }
}
