package org.dpaudit.attacks.mia;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.dpaudit.attacks.AttackKind;
import org.dpaudit.attacks.metrics.MetricsCalculator;
import org.dpaudit.attacks.shadow.ShadowPlan;
import org.dpaudit.attacks.shadow.ShadowScores;
import org.dpaudit.attacks.shadow.Shadows;
import org.dpaudit.attacks.target.Target;
import org.dpaudit.core.Checks;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.artifact.attack.AttackMetrics;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.datasets.split.Splitter;

/**
 * The likelihood-ratio attack, LiRA (Carlini et al. 2022).
 *
 * <pre>
 * phi(x)       = ln p_y(x) - ln sum_{y' != y} p_y'(x)           logit-scaled confidence
 * shadows      N models; every challenge example is IN the training set of exactly N/2 of them
 *              (pairs of shadows split the challenge set in complementary halves)
 * fits         per example: centre = median of the IN (resp. OUT) shadows' phi, spread = their
 *              standard deviation (per example, or pooled over all examples: "fixed variance")
 * online       Lambda = ln N(phi_target; mu_in, s_in) - ln N(phi_target; mu_out, s_out)
 * offline      (phi_target - mu_out) / s_out                    (no IN models needed)
 * </pre>
 *
 * With few shadows the fixed-variance variants are the better estimators (the reference code's
 * advice), so {@link #primary} picks online fixed-variance below 64 shadows.
 */
public final class LiraAttack implements MembershipAttack {
  /** Below this many shadows the per-example variance is too noisy (Carlini et al., Sec. VI). */
  static final int PER_EXAMPLE_VARIANCE_MIN_SHADOWS = 64;

  /** A spread of zero would make the Gaussian degenerate. */
  static final double MIN_SPREAD = 1e-6;

  @Override
  public AttackKind kind() {
    return AttackKind.LIRA;
  }

  /** Sixteen: eight IN and eight OUT models per example, below which the fixed-variance fit is noisy. */
  @Override
  public int defaultShadows() {
    return 16;
  }

  @Override
  public ShadowUse shadowUse() {
    return ShadowUse.OWN_OR_GIVEN;
  }

  /**
   * Scores the challenge with the user's shadow scores, or with dpaudit's own shadows (trained or
   * reused); reports the primary variant as {@code lira} and every variant's metrics beside it.
   */
  @Override
  public MembershipResult run(AttackContext c) {
    Shadows s = c.shadows();
    Result r;
    String saved = null;
    if (s.given() != null) {
      r = score(c.target(), c.population(), c.challenge(), s.given(), null);
    } else {
      Shadows.Trained t = s.train(Map.of("shadows", s.count()), fingerprint -> ShadowPlan.of("lira", fingerprint,
          plan(c.challenge(), s.pool(), s.trainingSize(), s.count(), c.randomness().stream("lira/assignment")),
          c.challenge().indices(), Map.of()));
      r = score(c.target(), c.population(), c.challenge(), t.scores(), t.plan().trainSets().get(0).length);
      saved = t.saved().toString();
    }
    MembershipScores primary = r.scores().get(r.primary());
    Map<String, AttackMetrics> variants = new LinkedHashMap<>();
    for (MembershipScores v : r.scores().values()) {
      variants.put(v.attack(), MetricsCalculator.compute(v));
    }
    return new MembershipResult(new MembershipScores("lira", primary.exampleIds(), primary.scores(), primary.members()),
        variants, new AttackDetails.Lira(r.shadows(), r.shadowTrainingSize(), primary.attack(), saved));
  }

  /** The four variants. */
  public enum Variant {
    ONLINE,
    ONLINE_FIXED_VARIANCE,
    OFFLINE,
    OFFLINE_FIXED_VARIANCE
  }

  /** Scores per variant, and the shadow statistics the report can show. */
  public record Result(Map<Variant, MembershipScores> scores, Variant primary, int shadows, Integer shadowTrainingSize) {}

  /** The variant reported as "lira" for {@code shadows} shadow models. */
  public static Variant primary(int shadows) {
    return shadows >= PER_EXAMPLE_VARIANCE_MIN_SHADOWS ? Variant.ONLINE : Variant.ONLINE_FIXED_VARIANCE;
  }

  /**
   * The training sets of dpaudit's own shadows: pairs of models split the challenge set in
   * complementary random halves, padded from the attacker pool to the target's training size.
   *
   * @param pool attacker-pool indices used to pad shadow training sets to {@code trainingSize}
   */
  public static List<int[]> plan(Challenge challenge, int[] pool, int trainingSize, int shadows, RandomGenerator rng) {
    Checks.check(shadows >= 2 && shadows % 2 == 0, "LiRA needs an even number of shadow models, at least 2; got "
        + shadows);
    return shadowSets(challenge, pool, trainingSize, shadows, new boolean[shadows][challenge.size()], rng);
  }

  /**
   * Scores the challenge with the shadows' outputs: dpaudit's own or the user's. Every challenge
   * example needs at least one shadow that trained on it and one that did not.
   *
   * @param population the training partition (challenge indices point into it)
   * @param shadowTrainingSize the shadows' training-set size when known (recorded), else null
   */
  public static Result score(Target target, Dataset population, Challenge challenge, List<ShadowScores> shadows,
      Integer shadowTrainingSize) {
    Checks.check(shadows.size() >= 2, "LiRA needs at least 2 shadow models; got " + shadows.size());
    int m = challenge.size();
    int n = shadows.size();
    double[][] phi = new double[n][];
    boolean[][] in = new boolean[n][];
    for (int s = 0; s < n; s++) {
      phi[s] = shadows.get(s).confidence(challenge.indices());
      in[s] = shadows.get(s).in(challenge.indices());
    }
    for (int i = 0; i < m; i++) {
      int ins = 0;
      for (int s = 0; s < n; s++) {
        ins += in[s][i] ? 1 : 0;
      }
      if (ins == 0 || ins == n) {
        throw new InvalidInputException("LiRA needs, for every challenge example, shadow models that trained on it and "
            + "shadow models that did not; example " + challenge.indices()[i] + " is " + (ins == 0 ? "in none" : "in all")
            + " of the " + n + " shadows' training sets (train pairs of shadows on complementary halves of the "
            + "challenge, as dpaudit does and examples/export_pytorch.py shows)");
      }
    }
    double[] observed = target.confidence(population, challenge.indices());
    Map<Variant, MembershipScores> out = new EnumMap<>(Variant.class);
    for (Variant v : Variant.values()) {
      out.put(v, new MembershipScores("lira-" + v.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
          challenge.indices(), score(v, observed, phi, in), challenge.members()));
    }
    return new Result(out, primary(n), n, shadowTrainingSize);
  }

  /**
   * Pairs of shadows split the challenge set into complementary random halves, so each example is
   * IN for exactly half the shadows and every shadow holds m/2 challenge examples; pool examples
   * pad every set to the target's training size.
   */
  static List<int[]> shadowSets(Challenge challenge, int[] pool, int trainingSize, int shadows, boolean[][] in,
      RandomGenerator rng) {
    int m = challenge.size();
    int half = m / 2;
    int pad = Math.max(0, Math.min(pool.length, trainingSize - (m - half)));
    List<int[]> sets = new ArrayList<>();
    for (int pair = 0; pair < shadows / 2; pair++) {
      int[] perm = Splitter.permutation(m, rng);
      int[] poolPerm = Splitter.permutation(pool.length, rng);
      for (int side = 0; side < 2; side++) {
        int from = side == 0 ? 0 : half;
        int to = side == 0 ? half : m;
        int count = to - from;
        int[] set = new int[m - half + pad];
        int s = 2 * pair + side;
        for (int j = 0; j < count; j++) {
          int e = perm[from + j];
          in[s][e] = true;
          set[j] = challenge.indices()[e];
        }
        // Odd challenge sets: the smaller half gets one pool example more, so all sets are equal.
        int extra = set.length - count;
        for (int j = 0; j < extra; j++) {
          set[count + j] = pool[poolPerm[j]];
        }
        Arrays.sort(set);
        sets.add(set);
      }
    }
    return sets;
  }

  static double[] score(Variant v, double[] observed, double[][] phi, boolean[][] in) {
    int m = observed.length;
    int shadows = phi.length;
    double[] muIn = new double[m];
    double[] muOut = new double[m];
    double[] sdIn = new double[m];
    double[] sdOut = new double[m];
    double pooledIn = 0;
    double pooledOut = 0;
    long nIn = 0;
    long nOut = 0;
    for (int i = 0; i < m; i++) {
      List<Double> ins = new ArrayList<>();
      List<Double> outs = new ArrayList<>();
      for (int s = 0; s < shadows; s++) {
        (in[s][i] ? ins : outs).add(phi[s][i]);
      }
      muIn[i] = median(ins);
      muOut[i] = median(outs);
      sdIn[i] = sd(ins, muIn[i]);
      sdOut[i] = sd(outs, muOut[i]);
      for (double x : ins) {
        pooledIn += (x - muIn[i]) * (x - muIn[i]);
        nIn++;
      }
      for (double x : outs) {
        pooledOut += (x - muOut[i]) * (x - muOut[i]);
        nOut++;
      }
    }
    double globalIn = Math.max(MIN_SPREAD, Math.sqrt(pooledIn / Math.max(1, nIn)));
    double globalOut = Math.max(MIN_SPREAD, Math.sqrt(pooledOut / Math.max(1, nOut)));
    double[] out = new double[m];
    for (int i = 0; i < m; i++) {
      boolean fixed = v == Variant.ONLINE_FIXED_VARIANCE || v == Variant.OFFLINE_FIXED_VARIANCE;
      double si = fixed ? globalIn : Math.max(MIN_SPREAD, sdIn[i]);
      double so = fixed ? globalOut : Math.max(MIN_SPREAD, sdOut[i]);
      double x = observed[i];
      out[i] = switch (v) {
        case ONLINE, ONLINE_FIXED_VARIANCE -> logNormal(x, muIn[i], si) - logNormal(x, muOut[i], so);
        case OFFLINE, OFFLINE_FIXED_VARIANCE -> (x - muOut[i]) / so;
      };
    }
    return out;
  }

  static double logNormal(double x, double mu, double sd) {
    double z = (x - mu) / sd;
    return -0.5 * z * z - Math.log(sd);
  }

  static double median(List<Double> v) {
    if (v.isEmpty()) {
      return 0;
    }
    double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  static double sd(List<Double> v, double centre) {
    if (v.size() < 2) {
      return 0;
    }
    double s = 0;
    for (double x : v) {
      s += (x - centre) * (x - centre);
    }
    return Math.sqrt(s / (v.size() - 1));
  }
}
