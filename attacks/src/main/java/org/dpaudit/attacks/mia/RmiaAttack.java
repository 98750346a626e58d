package org.dpaudit.attacks.mia;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dpaudit.attacks.AttackKind;
import org.dpaudit.attacks.shadow.ShadowPlan;
import org.dpaudit.attacks.shadow.ShadowScores;
import org.dpaudit.attacks.shadow.Shadows;
import org.dpaudit.attacks.target.Target;
import org.dpaudit.core.Checks;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.datasets.split.Splitter;

/**
 * The robust membership inference attack, RMIA (Zarifzadeh, Liu, Shokri 2024), offline: strong
 * with as few as one reference model.
 *
 * <pre>
 * Pr(x | theta)  = p_y(x) under the target
 * Pr(x)          = ((1 + a)/2) mean_ref p_y(x) + (1 - a)/2         (offline: references never saw x)
 * LR(x, z)       = (Pr(x | theta) / Pr(x)) / (Pr(z | theta) / Pr(z))  for population samples z
 * score(x)       = fraction of z with LR(x, z) > gamma
 * </pre>
 *
 * Reference models are trained with the target's recipe on random attacker-pool subsets of the
 * target's training size; z are pool examples no reference model trained on. With two or more
 * references, {@code a} is chosen by the paper's procedure: each reference in turn plays the
 * target for the others, and the {@code a} with the best mean AUC on its own IN/OUT examples wins.
 */
public final class RmiaAttack implements MembershipAttack {
  /** The paper's offline default when {@code a} cannot be tuned (one reference model). */
  static final double DEFAULT_A = 0.3;

  /** Where z comes from when the user gives the reference models' scores. */
  static final String GIVEN_POPULATION = "the challenge examples themselves (reference models given by the user)";

  @Override
  public AttackKind kind() {
    return AttackKind.RMIA;
  }

  /** Two: RMIA is strong with few references, and two let it tune {@code a}. */
  @Override
  public int defaultShadows() {
    return 2;
  }

  @Override
  public ShadowUse shadowUse() {
    return ShadowUse.OWN_OR_GIVEN;
  }

  /**
   * Scores the challenge against the user's reference scores (z: the challenge itself), or against
   * dpaudit's own reference models (trained or reused) and population samples from the pool.
   */
  @Override
  public MembershipResult run(AttackContext c) {
    Shadows s = c.shadows();
    Challenge ch = c.challenge();
    Result r;
    String saved = null;
    if (s.given() != null) {
      r = score(c.target(), c.population(), ch, s.given(), ch.indices(), ch.indices(), c.gamma());
    } else {
      Shadows.Trained t = s.train(Map.of("references", s.count(), "populationSamples", c.populationSamples()),
          fingerprint -> {
            Plan p = plan(s.pool(), s.trainingSize(), s.count(), c.populationSamples(), c.randomness());
            return ShadowPlan.of("rmia", fingerprint, p.sets(), evaluated(ch, p.z(), p.tune()),
                Map.of("z", p.z(), "tune", p.tune()));
          });
      r = score(c.target(), c.population(), ch, t.scores(), t.plan().extra("z"), t.plan().extra("tune"), c.gamma());
      saved = t.saved().toString();
    }
    return new MembershipResult(r.scores(), null, new AttackDetails.Rmia(r.references(), r.populationSamples(),
        s.given() != null ? GIVEN_POPULATION : null, r.a(), r.gamma(), saved));
  }

  /** The scores, the offline parameter used, and the sizes. */
  public record Result(MembershipScores scores, double a, double gamma, int references, int populationSamples) {}

  /**
   * dpaudit's own reference models: random attacker-pool subsets of the target's training size,
   * the population samples z (pool examples no reference trained on) and, with two or more
   * references, the examples {@code a} is tuned on.
   */
  public record Plan(List<int[]> sets, int[] z, int[] tune) {}

  /** Draws the reference models' training sets, z and the tuning examples. */
  public static Plan plan(int[] pool, int trainingSize, int references, int populationSamples, Randomness randomness) {
    Checks.check(references >= 1 && references <= 16, "RMIA needs 1 to 16 reference models; got " + references);
    int[] perm = Splitter.permutation(pool.length, randomness.stream("rmia/pool"));
    int size = Math.min(trainingSize, pool.length / 2);
    Checks.check(size >= 1, "RMIA needs an attacker pool to train reference models on; this run has none (give "
        + "--shadow-scores with reference models you trained)");
    List<int[]> sets = new ArrayList<>();
    boolean[] usedByAny = new boolean[pool.length];
    for (int r = 0; r < references; r++) {
      int[] p2 = Splitter.permutation(pool.length, randomness.stream("rmia/ref/" + r));
      int[] set = new int[size];
      for (int j = 0; j < size; j++) {
        set[j] = pool[p2[j]];
        usedByAny[p2[j]] = true;
      }
      Arrays.sort(set);
      sets.add(set);
    }
    List<Integer> free = new ArrayList<>();
    for (int j : perm) {
      if (!usedByAny[j] && free.size() < populationSamples) {
        free.add(pool[j]);
      }
    }
    int[] z = free.stream().mapToInt(Integer::intValue).toArray();
    Checks.check(z.length > 0, "RMIA has no population samples left outside the reference models' data; use a "
        + "larger attacker pool or fewer reference models");
    // For tuning a: some of each reference's own training examples (IN for it, OUT for the others).
    int[] tune = references >= 2 ? tuningSamples(sets) : new int[0];
    return new Plan(sets, z, tune);
  }

  /** The examples every reference model is evaluated on: the challenge, then z, then the tuning examples. */
  public static int[] evaluated(Challenge challenge, int[] z, int[] tune) {
    return concat(concat(challenge.indices(), z), tune);
  }

  /**
   * Scores the challenge with the reference models' outputs on {@link #evaluated} examples. {@code
   * Pr(x)} averages the references that did not train on x (offline RMIA); with reference models a
   * user trained on parts of the challenge (LiRA-style), pass the challenge itself as z and as the
   * tuning examples: z then only ranks the target-to-reference ratios among the challenge (no
   * membership is read), and {@code a} is tuned on the references' own IN/OUT challenge examples.
   */
  public static Result score(Target target, Dataset population, Challenge challenge, List<ShadowScores> refs,
      int[] z, int[] tune, double gamma) {
    int references = refs.size();
    Checks.check(references >= 1, "RMIA needs at least 1 reference model");
    int m = challenge.size();
    boolean zIsChallenge = Arrays.equals(z, challenge.indices());
    int[] eval = zIsChallenge ? challenge.indices() : evaluated(challenge, z, tune);
    double[][] ref = new double[references][];
    boolean[][] refIn = new boolean[references][];
    for (int r = 0; r < references; r++) {
      ref[r] = Confidence.probabilityOf(refs.get(r).confidence(eval));
      refIn[r] = refs.get(r).in(eval);
    }
    for (int i = 0; i < m; i++) {
      boolean anyOut = false;
      for (boolean[] in : refIn) {
        anyOut |= !in[i];
      }
      if (!anyOut) {
        throw new InvalidInputException("RMIA needs, for every challenge example, a reference model that did not "
            + "train on it; example " + challenge.indices()[i] + " is in every reference model's training set");
      }
    }
    double[] tgt = Confidence.probabilityOf(target.confidence(population, eval));
    int[] zPos = zIsChallenge ? range(0, m) : range(m, m + z.length);
    int[] tunePos = zIsChallenge ? range(0, m) : range(m + z.length, eval.length);
    double a = references >= 2 ? tuneA(ref, refIn, tunePos, zPos) : DEFAULT_A;
    double[] scores = scores(tgt, ref, refIn, a, range(0, m), zPos, gamma);
    return new Result(new MembershipScores("rmia", challenge.indices(), scores, challenge.members()), a, gamma,
        references, zPos.length);
  }

  /** Scores of the entries {@code xs} against the population entries {@code zs}, every reference OUT for all. */
  static double[] scores(double[] target, double[][] ref, double a, int[] xs, int[] zs, double gamma) {
    return scores(target, ref, null, a, xs, zs, gamma);
  }

  /**
   * Scores of the entries {@code xs} against the population entries {@code zs}; {@code Pr(x)} is the
   * mean over the references OUT for x ({@code refIn} null: every reference is OUT for every entry).
   */
  static double[] scores(double[] target, double[][] ref, boolean[][] refIn, double a, int[] xs, int[] zs,
      double gamma) {
    double[] ratio = new double[target.length];
    for (int i = 0; i < target.length; i++) {
      double mean = 0;
      int outs = 0;
      for (int r = 0; r < ref.length; r++) {
        if (refIn == null || !refIn[r][i]) {
          mean += ref[r][i];
          outs++;
        }
      }
      if (outs == 0) {
        for (double[] row : ref) {
          mean += row[i];
        }
        outs = ref.length;
      }
      mean /= outs;
      double prX = (1 + a) / 2 * mean + (1 - a) / 2;
      ratio[i] = target[i] / prX;
    }
    double[] zRatios = new double[zs.length];
    for (int j = 0; j < zs.length; j++) {
      zRatios[j] = ratio[zs[j]];
    }
    Arrays.sort(zRatios);
    double[] out = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      // LR(x, z) > gamma  <=>  ratio_z < ratio_x / gamma
      out[i] = (double) lowerCount(zRatios, ratio[xs[i]] / gamma) / zRatios.length;
    }
    return out;
  }

  /** The number of entries of sorted {@code a} strictly below {@code v}. */
  static int lowerCount(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Each reference plays the target for the rest; pick the a with the best mean AUC. */
  static double tuneA(double[][] ref, boolean[][] refIn, int[] tunePos, int[] zPos) {
    double bestA = DEFAULT_A;
    double bestAuc = -1;
    for (int step = 0; step <= 10; step++) {
      double a = step / 10.0;
      double aucSum = 0;
      for (int t = 0; t < ref.length; t++) {
        double[][] others = new double[ref.length - 1][];
        for (int r = 0, k = 0; r < ref.length; r++) {
          if (r != t) {
            others[k++] = ref[r];
          }
        }
        boolean[] in = new boolean[tunePos.length];
        for (int i = 0; i < tunePos.length; i++) {
          in[i] = refIn[t][tunePos[i]];
        }
        aucSum += aucOf(scores(ref[t], others, a, tunePos, zPos, 1.0), in);
      }
      if (aucSum > bestAuc) {
        bestAuc = aucSum;
        bestA = a;
      }
    }
    return bestA;
  }

  /** Up to 200 training examples of each reference model. */
  static int[] tuningSamples(List<int[]> sets) {
    java.util.TreeSet<Integer> s = new java.util.TreeSet<>();
    for (int[] set : sets) {
      for (int j = 0; j < Math.min(200, set.length); j++) {
        s.add(set[j * Math.max(1, set.length / 200)]);
      }
    }
    return s.stream().mapToInt(Integer::intValue).toArray();
  }

  static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }

  private static double aucOf(double[] s, boolean[] in) {
    long p = 0;
    for (boolean b : in) {
      p += b ? 1 : 0;
    }
    if (p == 0 || p == in.length) {
      return 0.5;
    }
    return org.dpaudit.attacks.metrics.MetricsCalculator.compute(new MembershipScores("t", new int[s.length], s, in))
        .auc();
  }

  private static int[] concat(int[] a, int[] b) {
    int[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
