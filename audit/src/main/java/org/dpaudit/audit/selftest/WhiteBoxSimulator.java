package org.dpaudit.audit.selftest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.dpaudit.core.Checks;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.core.privacy.PrivacyLedger;
import org.dpaudit.core.provenance.ArtifactRef;
import org.dpaudit.trainers.canary.ReplayRecord;
import org.dpaudit.trainers.canary.ResidualStats;
import org.dpaudit.trainers.canary.WhiteBoxFiles;
import org.dpaudit.trainers.canary.WhiteBoxObservations;
import org.dpaudit.trainers.canary.WhiteBoxRecorder;

/**
 * DP-SGD's white-box canary observations simulated exactly, without a model: each step, every
 * included canary is sampled with probability q and adds its clipped contribution (1 in sensitivity
 * units) to its coordinate, and every coordinate gets N(0, sigma^2). The observations go through
 * the trainer's own {@link WhiteBoxRecorder}, so the audit sees exactly what it sees from a run.
 *
 * <p>Why: the self-test needs many runs of a mechanism whose privacy is known exactly, and the
 * audit's tests need mechanisms with known defects. Each {@link Defect} is one of the bugs the
 * mutation suite injects into the real trainer, in its simplest form.
 *
 * @param canaries m
 * @param nulls K null coordinates
 * @param steps T
 * @param samplingRate the ledger's q
 * @param sigma the ledger's noise multiplier
 */
public record WhiteBoxSimulator(int canaries, int nulls, int steps, double samplingRate, double sigma) {
  public WhiteBoxSimulator {
    Checks.positive("canaries", canaries);
    Checks.nonNegative("nulls", nulls);
    Checks.positive("steps", steps);
    Checks.check(samplingRate > 0 && samplingRate <= 1, "sampling rate must be in (0, 1]");
    Checks.positive("sigma", sigma);
  }

  /**
   * How the simulated implementation departs from its ledger.
   *
   * @param noiseFactor the noise actually added, as a fraction of the ledger's (1: correct)
   * @param signal what a sampled canary adds, in sensitivity units (1: correct; above 1: clipping broken)
   * @param samplingFactor the actual sampling rate over the ledger's (1: correct)
   * @param reuseNoise the same noise vector at every step
   * @param dispersion the noise scale at each step multiplied by a random factor of this relative
   *     spread (0: none; e.g. the realised batch size as divisor)
   * @param quietTensor the replayed release has one tensor without noise
   */
  public record Defect(double noiseFactor, double signal, double samplingFactor, boolean reuseNoise,
      double dispersion, boolean quietTensor) {
    /** A correct implementation. */
    public static final Defect NONE = new Defect(1, 1, 1, false, 0, false);
  }

  /** The ledger the simulated run claims: T Poisson-sampled Gaussian steps. */
  public PrivacyLedger ledger() {
    return PrivacyLedger.empty().append(new DpEvent.PoissonSampled(samplingRate, new DpEvent.Gaussian(sigma)), steps);
  }

  /** One simulated run: its observations (also as the recorder's summary, to write) and its inclusion bits. */
  public record Run(WhiteBoxFiles.Data data, boolean[] included, WhiteBoxRecorder.Summary summary) {}

  /** Simulates a run with {@code defect}, from {@code random}. */
  public Run run(Defect defect, RandomGenerator random) {
    Objects.requireNonNull(defect, "defect");
    boolean[] included = new boolean[canaries];
    for (int c = 0; c < canaries; c++) {
      included[c] = random.nextBoolean();
    }
    long[] replaySteps = WhiteBoxRecorder.replaySteps(steps, 4);
    WhiteBoxRecorder rec = new WhiteBoxRecorder(canaries, nulls, replaySteps);
    DpEvent event = new DpEvent.PoissonSampled(samplingRate, new DpEvent.Gaussian(sigma));
    double q = Math.min(1, samplingRate * defect.samplingFactor());
    float[] audit = new float[canaries + nulls];
    float[] reused = null;
    for (int t = 0; t < steps; t++) {
      double scale = sigma * defect.noiseFactor()
          * (defect.dispersion() > 0 ? Math.max(0.05, 1 + defect.dispersion() * GaussianMechanism.standardNormal(random)) : 1);
      if (defect.reuseNoise() && reused == null) {
        reused = new float[audit.length];
        for (int j = 0; j < reused.length; j++) {
          reused[j] = (float) GaussianMechanism.standardNormal(random);
        }
      }
      for (int j = 0; j < audit.length; j++) {
        double z = reused != null ? reused[j] : GaussianMechanism.standardNormal(random);
        double x = scale * z;
        if (j < canaries && included[j] && random.nextDouble() < q) {
          x += defect.signal();
        }
        audit[j] = (float) x;
      }
      if (rec.isReplayStep(t)) {
        rec.replayed(replay(t, defect, random));
      }
      rec.record(t, audit, event, 1.0);
    }
    WhiteBoxRecorder.Summary s = rec.summary();
    WhiteBoxObservations obs = new WhiteBoxObservations(WhiteBoxObservations.SCHEMA_VERSION, WhiteBoxObservations.KIND,
        canaries, nulls, 10, 1, 1, true, steps, s.model(), s.standardised(), s.replaySteps(), s.replay(),
        s.nullSums(), s.nullSquares(), new ArtifactRef("simulated", "0".repeat(64)));
    return new Run(new WhiteBoxFiles.Data(obs, s.logLikelihood(), s.sums(), s.nullTemporal()), included, s);
  }

  /** Two simulated tensors' standardised replayed noise: a weight (1000 coordinates) and a bias (10). */
  private ReplayRecord replay(long step, Defect defect, RandomGenerator random) {
    List<ResidualStats> tensors = new ArrayList<>();
    tensors.add(residual("layer1.weight", 1000, defect.noiseFactor(), random));
    tensors.add(residual("layer1.bias", 10, defect.quietTensor() ? 0 : defect.noiseFactor(), random));
    return new ReplayRecord(step, tensors);
  }

  private static ResidualStats residual(String name, int n, double factor, RandomGenerator random) {
    double s1 = 0;
    double s2 = 0;
    for (int i = 0; i < n; i++) {
      double z = factor * GaussianMechanism.standardNormal(random);
      s1 += z;
      s2 += z * z;
    }
    return new ResidualStats(name, n, s1, s2);
  }
}
