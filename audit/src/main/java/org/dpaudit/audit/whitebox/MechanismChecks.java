package org.dpaudit.audit.whitebox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.dpaudit.core.artifact.audit.MechanismCheck;
import org.dpaudit.core.privacy.LedgerEntry;
import org.dpaudit.core.privacy.PrivacyLedger;
import org.dpaudit.core.privacy.ReleaseModel;
import org.dpaudit.trainers.canary.ReplayRecord;
import org.dpaudit.trainers.canary.ResidualStats;
import org.dpaudit.trainers.canary.WhiteBoxFiles;
import org.dpaudit.trainers.canary.WhiteBoxObservations;

/**
 * Exact tests of a run's released updates against its ledger, from the white-box observations:
 *
 * <pre>
 * null-variance       sum over steps and null coordinates of z^2 ~ chi2(K T)            too little noise
 * null-reuse          sum over null coordinates of (sum_t z_t)^2 / T ~ chi2(K)          noise repeated across steps
 * null-dispersion     sum_t (V_t - K)^2 / 2K, V_t ~ chi2(K) i.i.d. (Monte Carlo)        noise scale varying by step
 *                                                                                        (e.g. the realised batch size
 *                                                                                        as divisor)
 * null-mean           sum of all z / sqrt(K T) ~ N(0, 1), two-sided                     biased noise
 * canary-signal       sum of the included canaries' observations ~ Binomial(n T, q)     a record moving the release by
 *                     + N(0, n sum_t sigma_t^2)                                          more than the clip norm, or
 *                                                                                        sampled more often than q
 * replay:TENSOR       sum of the tensor's standardised replayed noise^2 ~ chi2(count)   a tensor with too little or no
 *                                                                                        noise
 * </pre>
 *
 * z is a null coordinate's released value over its ledger noise scale (sigma_t times the clip norm
 * over the expected batch size): under a correct implementation the K null coordinates of the T
 * steps are independent standard normals, whatever the data. The checks run only when every step
 * is a (Poisson-sampled) Gaussian release with a stated sensitivity; each is one-sided in the
 * direction of a privacy failure (except the mean), and the family shares one error level by
 * Bonferroni.
 */
public final class MechanismChecks {
  /** Monte Carlo replicates of the dispersion statistic (an exact p-value of resolution 1/(N+1)). */
  static final int DISPERSION_REPLICATES = 19_999;
  /** The most chi-square draws the dispersion test makes (it uses fewer replicates for long runs). */
  static final long DISPERSION_DRAW_BUDGET = 40_000_000L;

  private static final NormalDistribution N01 = NormalDistribution.of(0, 1);

  private MechanismChecks() {}

  /** Whether the observations allow the checks (standardised Gaussian observations). */
  public static boolean applicable(WhiteBoxObservations obs) {
    return obs.scaled() && obs.standardised();
  }

  /**
   * Every check at family level {@code alpha} (Bonferroni over the checks run).
   *
   * @param included the canaries' inclusion bits (read after the one-run guesses were committed)
   * @param ledger the run's ledger (per-step sampling rates and noise multipliers)
   * @param random for the Monte Carlo dispersion test
   */
  public static List<MechanismCheck> run(WhiteBoxFiles.Data data, boolean[] included, PrivacyLedger ledger,
      double alpha, RandomGenerator random) {
    WhiteBoxObservations obs = data.observations();
    if (!applicable(obs)) {
      return List.of();
    }
    Map<String, double[]> replay = replayTotals(obs.replay());
    int count = 4 + (canarySignalDefined(ledger) ? 1 : 0) + replay.size();
    double level = alpha / count;
    List<MechanismCheck> out = new ArrayList<>();
    long k = obs.nullCoordinates();
    long t = obs.steps();
    if (k > 0 && t > 0) {
      double squares = sum(obs.nullSquares());
      double df = (double) k * t;
      out.add(check("null-variance", "too little noise: the null coordinates' variance is below the "
          + "ledger's", squares / df, 1, ChiSquaredDistribution.of(df).cumulativeProbability(squares), level));
      double reuse = 0;
      for (double z : data.nullTemporal()) {
        reuse += z * z / t;
      }
      out.add(check("null-reuse", "noise repeated across steps: each null coordinate's sum over the "
          + "steps varies more than independent noise allows", reuse / k, 1,
          ChiSquaredDistribution.of(k).survivalProbability(reuse), level));
      out.add(dispersion(obs.nullSquares(), k, level, random));
      double mean = sum(obs.nullSums()) / Math.sqrt(df);
      out.add(check("null-mean", "biased noise: the null coordinates' mean is away from 0", mean, 0,
          2 * N01.survivalProbability(Math.abs(mean)), level));
    }
    if (canarySignalDefined(ledger)) {
      out.add(canarySignal(data.sums(), included, ledger, level));
    }
    for (Map.Entry<String, double[]> e : replay.entrySet()) {
      double n = e.getValue()[0];
      double s2 = e.getValue()[1];
      out.add(check("replay:" + e.getKey(), "tensor " + e.getKey() + " has less noise than the ledger "
          + "states (its released values minus the same code's release without noise, at the replayed steps)",
          s2 / n, 1, ChiSquaredDistribution.of(n).cumulativeProbability(s2), level));
    }
    return out;
  }

  /** Per tensor name: {total count, total sum of squares} over the replayed steps. */
  static Map<String, double[]> replayTotals(List<ReplayRecord> replay) {
    Map<String, double[]> out = new LinkedHashMap<>();
    for (ReplayRecord r : replay) {
      for (ResidualStats s : r.tensors()) {
        double[] acc = out.computeIfAbsent(s.tensor(), x -> new double[2]);
        acc[0] += s.count();
        acc[1] += s.sumSquares();
      }
    }
    return out;
  }

  /**
   * The per-step variances V_t of K independent standard normals are i.i.d. chi2(K): a statistic of
   * their spread, judged by an exact Monte Carlo p-value {@code (1 + #{D_sim >= D}) / (N + 1)}.
   */
  static MechanismCheck dispersion(double[] squares, long k, double level, RandomGenerator random) {
    int t = squares.length;
    double d = dispersionStatistic(squares, k);
    int reps = (int) Math.max(99, Math.min(DISPERSION_REPLICATES, DISPERSION_DRAW_BUDGET / Math.max(1, t)));
    int atLeast = 0;
    double[] sim = new double[t];
    for (int r = 0; r < reps; r++) {
      for (int i = 0; i < t; i++) {
        sim[i] = 2 * gamma(k / 2.0, random);
      }
      if (dispersionStatistic(sim, k) >= d) {
        atLeast++;
      }
    }
    return check("null-dispersion", "the noise scale changes from step to step (e.g. noise divided by "
        + "the realised batch size): the null coordinates' per-step variances spread more than chi-square allows",
        d / Math.max(1, t), 1, (1.0 + atLeast) / (reps + 1.0), level);
  }

  static double dispersionStatistic(double[] squares, long k) {
    double d = 0;
    for (double v : squares) {
      d += (v - k) * (v - k) / (2.0 * k);
    }
    return d;
  }

  /** A Gamma(shape, 1) draw, shape >= 1 (Marsaglia and Tsang 2000; exact rejection sampling). */
  static double gamma(double shape, RandomGenerator random) {
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = org.dpaudit.audit.selftest.GaussianMechanism.standardNormal(random);
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  /** The canary-signal test needs one sampling rate and a Gaussian noise multiplier at every step. */
  static boolean canarySignalDefined(PrivacyLedger ledger) {
    double q = -1;
    for (LedgerEntry e : ledger.entries()) {
      Optional<ReleaseModel> m = ReleaseModel.of(e.event());
      if (m.isEmpty() || m.get().noise() != ReleaseModel.Noise.GAUSSIAN) {
        return false;
      }
      if (q >= 0 && m.get().samplingRate() != q) {
        return false;
      }
      q = m.get().samplingRate();
    }
    return q > 0;
  }

  /**
   * The included canaries' summed observations: each sampled step adds at most 1 (the clipped
   * canary, in sensitivity units) and noise of variance sigma_t^2. Under the ledger the total is
   * Binomial(n T, q) plus N(0, n sum_t sigma_t^2); its upper tail is exact.
   */
  static MechanismCheck canarySignal(double[] sums, boolean[] included, PrivacyLedger ledger, double level) {
    long steps = 0;
    double variance = 0;
    double q = 0;
    for (LedgerEntry e : ledger.entries()) {
      ReleaseModel m = ReleaseModel.of(e.event()).orElseThrow();
      steps += e.count();
      variance += e.count() * m.scale() * m.scale();
      q = m.samplingRate();
    }
    int n = 0;
    double total = 0;
    for (int c = 0; c < sums.length; c++) {
      if (included[c]) {
        n++;
        total += sums[c];
      }
    }
    long trials = n * steps;
    double sd = Math.sqrt(n * variance);
    double p = trials == 0 ? N01.survivalProbability(total / Math.max(sd, 1e-300)) : binomialPlusNormalTail(trials, q,
        sd, total);
    return check("canary-signal", "the included canaries moved the release more than the clip norm at "
        + "the ledger's sampling rate allows (clipping skipped or too weak, or examples sampled more often than q)",
        trials == 0 ? total : total / (trials * q), 1, p, level);
  }

  /** P[B + sd Z >= x] for B ~ Binomial(trials, q), Z standard normal. */
  static double binomialPlusNormalTail(long trials, double q, double sd, double x) {
    if (trials > Integer.MAX_VALUE) {
      // normal approximation of the binomial for astronomically many trials
      double s = Math.sqrt(trials * q * (1 - q) + sd * sd);
      return N01.survivalProbability((x - trials * q) / s);
    }
    BinomialDistribution b = BinomialDistribution.of((int) trials, q);
    double mean = trials * q;
    double bsd = Math.sqrt(trials * q * (1 - q));
    int lo = (int) Math.max(0, Math.floor(mean - 40 * bsd - 1));
    int hi = (int) Math.min(trials, Math.ceil(mean + 40 * bsd + 1));
    double p = b.cumulativeProbability(lo - 1) * (sd > 0 ? N01.survivalProbability((x - lo) / sd) : (lo >= x ? 1 : 0));
    for (int i = lo; i <= hi; i++) {
      double tail = sd > 0 ? N01.survivalProbability((x - i) / sd) : (i >= x ? 1 : 0);
      p += b.probability(i) * tail;
    }
    p += b.survivalProbability(hi);
    return Math.min(1, p);
  }

  private static double sum(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }

  /** A check judged at {@code level} (a p-value clamped to [0, 1]). */
  private static MechanismCheck check(String name, String tests, double statistic, double expected, double pValue,
      double level) {
    double p = Math.min(1, Math.max(0, pValue));
    return new MechanismCheck(name, tests, statistic, expected, p, level, p < level);
  }
}
