package org.dpaudit.audit.bounds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.random.RandomGenerator;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.artifact.audit.BoundMethod;
import org.dpaudit.core.artifact.audit.ConfusionCounts;
import org.dpaudit.core.artifact.audit.EpsilonLowerBound;
import org.dpaudit.core.artifact.audit.ThresholdSelection;
import org.dpaudit.core.random.Randomness;
import org.junit.jupiter.api.Test;

class ScoreBoundsTest {
  private static final BoundParameters P95 = new BoundParameters(0.95, 1e-5);
  private static final NormalDistribution N01 = NormalDistribution.of(0, 1);

  @Test
  void candidates_areTheDistinctScoresWithCountsOfScoreAtLeastT() {
    // The example of jax_privacy's test_get_tn_fn_counts, read as "member iff score >= t".
    ScoreBounds.Candidates c = ScoreBounds.Candidates.of(
        ClassScores.ofClasses(new double[] {1.5, 2.5, 0.5, 3.5}, new double[] {0, 3, 2, 1}));
    assertArrayEquals(new double[] {3.5, 3, 2.5, 2, 1.5, 1, 0.5, 0}, c.thresholds);
    assertArrayEquals(new int[] {1, 1, 2, 2, 3, 3, 4, 4}, c.tp);
    assertArrayEquals(new int[] {0, 1, 1, 2, 2, 3, 3, 4}, c.fp);
  }

  @Test
  void candidates_keepTiesOnTheSameSide() {
    ScoreBounds.Candidates c = ScoreBounds.Candidates.of(
        ClassScores.ofClasses(new double[] {0, 1, 1, 2}, new double[] {0, -0.0, 1, 1}));
    assertArrayEquals(new double[] {2, 1, 0}, c.thresholds);
    assertArrayEquals(new int[] {1, 3, 4}, c.tp);
    assertArrayEquals(new int[] {0, 2, 4}, c.fp);
    assertEquals(new ConfusionCounts(3, 1, 2, 2),
        ClassScores.ofClasses(new double[] {0, 1, 1, 2}, new double[] {0, 0, 1, 1}).countsAt(1));
  }

  @Test
  void nanScore_isRejectedNamingItsIndex() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> ClassScores.of(new double[] {0.3, Double.NaN, 1}, new boolean[] {true, false, false}));
    assertEquals("scores[1] must be a number; got NaN", e.getMessage());
    assertThrows(InvalidInputException.class,
        () -> ClassScores.of(new double[] {0.3, 1}, new boolean[] {true, true}));
    assertThrows(InvalidInputException.class,
        () -> ClassScores.of(new double[] {0.3, 1}, new boolean[] {true}));
  }

  @Test
  void infiniteScores_areRankedLikeAnyOther() {
    ClassScores s = ClassScores.ofClasses(new double[] {Double.POSITIVE_INFINITY, 3}, new double[] {Double.NEGATIVE_INFINITY, 0});
    assertEquals(new ConfusionCounts(1, 1, 0, 2), s.countsAt(Double.POSITIVE_INFINITY));
    assertEquals(new ConfusionCounts(2, 0, 0, 2), s.countsAt(1));
  }

  @Test
  void atThreshold_isTheCountsBoundOfThatRule() {
    ClassScores s = separated(300, 2, stream("fixed"));
    EpsilonLowerBound b = ScoreBounds.atThreshold(s, 1.0, BoundMethod.CLOPPER_PEARSON, P95);
    EpsilonLowerBound direct = CountsBound.clopperPearson(s.countsAt(1.0), P95);
    assertEquals(direct.epsilon(), b.epsilon(), 0);
    assertEquals(1.0, b.threshold());
    assertEquals(ThresholdSelection.FIXED, b.thresholdSelection());
  }

  @Test
  void bonferroni_dividesTheBudgetOverEveryRateBound() {
    ClassScores s = separated(300, 3, stream("bonferroni"));
    EpsilonLowerBound b = ScoreBounds.bonferroni(s, BoundMethod.CLOPPER_PEARSON, P95);
    assertEquals(600, b.tests());
    assertEquals(0.05 / 600, b.levelPerTest(), 1e-15);
    assertEquals(ThresholdSelection.BONFERRONI, b.thresholdSelection());
    // Its value is the fixed-test bound at that threshold, with each rate at 0.05/600.
    ConfusionCounts c = s.countsAt(b.threshold());
    assertEquals(c, b.counts());
    assertEquals(CountsBound.epsilonFromRates(ClopperPearson.upper(c.fp(), 300, 0.05 / 600),
        ClopperPearson.upper(c.fn(), 300, 0.05 / 600), 1e-5), b.epsilon(), 1e-12);
  }

  @Test
  void split_boundsTheHeldOutHalf_andIsReproducibleFromItsStream() {
    ClassScores s = separated(301, 3, stream("data"));
    EpsilonLowerBound a = ScoreBounds.split(s, BoundMethod.CLOPPER_PEARSON, P95, stream("split"));
    EpsilonLowerBound b = ScoreBounds.split(s, BoundMethod.CLOPPER_PEARSON, P95, stream("split"));
    assertEquals(a, b);
    assertEquals(ThresholdSelection.SPLIT, a.thresholdSelection());
    assertEquals(2, a.tests());
    assertEquals(151, a.counts().positives()); // 150 members chose the threshold, 151 are bounded
    assertTrue(a.note().contains("random half"), a.note());
  }

  @Test
  void strongSignal_givesAClearlyPositiveBound_byEveryMethod() {
    ClassScores s = separated(500, 4, stream("strong"));
    for (ThresholdSelection sel : new ThresholdSelection[] {ThresholdSelection.SPLIT, ThresholdSelection.BONFERRONI}) {
      assertTrue(ScoreBounds.bound(s, BoundMethod.CLOPPER_PEARSON, sel, P95, stream("s")).epsilon() > 2, sel.name());
      assertTrue(ScoreBounds.bound(s, BoundMethod.GDP, sel, P95, stream("s")).epsilon() > 2, sel.name());
    }
  }

  /**
   * Kind 4, a statistical test. Scores without signal (members and non-members from one
   * distribution) come from a 0-DP "mechanism", so every positive bound is an error, allowed in at
   * most 5% of trials at 95% confidence. Over 400 seeded trials the test requires at most 5% positive
   * bounds. The bounds are conservative (union bound, discrete Clopper–Pearson, and a search that
   * usually finds nothing): their true error rate is far below 5%, and if it were as high as 2% this
   * test would fail with probability {@code P[Binom(400, 0.02) > 20] < 1e-4} (computed below).
   */
  @Test
  void noSignal_boundIsZeroInAtLeast95PercentOfTrials() {
    int trials = 400;
    int allowed = trials / 20;
    assertTrue(BinomialDistribution.of(trials, 0.02).survivalProbability(allowed) < 1e-4);
    for (boolean ties : new boolean[] {false, true}) {
      int positiveSplit = 0;
      int positiveBonferroni = 0;
      for (int t = 0; t < trials; t++) {
        RandomGenerator rng = stream("null/" + ties + "/" + t);
        ClassScores s = noSignal(100, ties, rng);
        positiveSplit += ScoreBounds.split(s, BoundMethod.CLOPPER_PEARSON, P95, rng).epsilon() > 0 ? 1 : 0;
        positiveBonferroni += ScoreBounds.bonferroni(s, BoundMethod.CLOPPER_PEARSON, P95).epsilon() > 0 ? 1 : 0;
      }
      assertTrue(positiveSplit <= allowed, "split gave a positive bound in " + positiveSplit + " trials (ties " + ties + ")");
      assertTrue(positiveBonferroni <= allowed, "bonferroni: " + positiveBonferroni + " positive (ties " + ties + ")");
    }
  }

  /**
   * The check above has power: a "bound" without confidence intervals (the best plug-in ratio over
   * all thresholds, as an estimate would be reported) fails it. (The uncorrected Clopper–Pearson
   * search of TF Privacy and the Jagielski et al. code passes this particular null check, 12 of 400
   * here, because the two rate margins add up; its over-claim shows against a non-zero truth, which
   * the self-test checks.)
   */
  @Test
  void noSignal_pointEstimateFailsTheSameCheck() {
    int trials = 400;
    int positive = 0;
    for (int t = 0; t < trials; t++) {
      ClassScores s = noSignal(100, false, stream("null/false/" + t));
      double best = 0;
      for (double threshold : s.members()) {
        ConfusionCounts c = s.countsAt(threshold);
        double fpr = Math.max(c.fp(), 0.5) / c.negatives();
        double fnr = Math.max(c.fn(), 0.5) / c.positives();
        best = Math.max(best, CountsBound.epsilonFromRates(fpr, fnr, 1e-5));
      }
      positive += best > 0 ? 1 : 0;
    }
    assertTrue(positive > trials / 2, "the point estimate was positive in only " + positive + " of " + trials);
  }

  @Test
  void gdpAndSplit_needWhatTheyNeed() {
    ClassScores s = separated(10, 1, stream("x"));
    assertThrows(InvalidInputException.class,
        () -> ScoreBounds.bonferroni(s, BoundMethod.GDP, new BoundParameters(0.95, 0)));
    ClassScores tiny = ClassScores.ofClasses(new double[] {1}, new double[] {0, 1});
    assertThrows(InvalidInputException.class, () -> ScoreBounds.split(tiny, BoundMethod.CLOPPER_PEARSON, P95, stream("y")));
    assertThrows(InvalidInputException.class,
        () -> ScoreBounds.bound(s, BoundMethod.CLOPPER_PEARSON, ThresholdSelection.FIXED, P95, stream("z")));
  }

  /** A perfect attack's bound, by the closed forms of the Clopper-Pearson edges. */
  @Test
  void maxAchievable_isThePerfectAttacksBound() {
    // SPLIT bounds the evaluation half: 500 - 500/2 = 250 per class, each rate at 2.5%.
    double up = 1 - Math.pow(0.025, 1.0 / 250);
    double expected = Math.log((1 - 1e-5 - up) / up);
    assertEquals(expected, ScoreBounds.maxAchievable(500, 500, ThresholdSelection.SPLIT, P95), 1e-12);
    // No outcome beats it: a perfectly separated split reaches it exactly.
    ClassScores perfect = ClassScores.ofClasses(ramp(500, 10), ramp(500, 0));
    assertEquals(expected, ScoreBounds.split(perfect, BoundMethod.CLOPPER_PEARSON, P95, stream("max")).epsilon(), 1e-12);
    // BONFERRONI: all the data, each rate at 5% / (n+ + n-).
    double upB = 1 - Math.pow(0.05 / 1000, 1.0 / 500);
    assertEquals(Math.log((1 - 1e-5 - upB) / upB),
        ScoreBounds.maxAchievable(500, 500, ThresholdSelection.BONFERRONI, P95), 1e-12);
    assertEquals(ScoreBounds.bonferroni(perfect, BoundMethod.CLOPPER_PEARSON, P95).epsilon(),
        ScoreBounds.maxAchievable(500, 500, ThresholdSelection.BONFERRONI, P95), 1e-12);
  }

  private static double[] ramp(int n, double offset) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = offset + i * 1e-3;
    }
    return v;
  }

  static RandomGenerator stream(String name) {
    return Randomness.seeded(20240611L).stream("test/" + name);
  }

  /** Members N(shift, 1), non-members N(0, 1). */
  static ClassScores separated(int perClass, double shift, RandomGenerator rng) {
    double[] in = new double[perClass];
    double[] out = new double[perClass];
    for (int i = 0; i < perClass; i++) {
      in[i] = shift + normal(rng);
      out[i] = normal(rng);
    }
    return ClassScores.ofClasses(in, out);
  }

  /** Both classes N(0, 1), or both uniform on {0, 1, 2, 3} (heavy ties). */
  static ClassScores noSignal(int perClass, boolean ties, RandomGenerator rng) {
    double[] in = new double[perClass];
    double[] out = new double[perClass];
    for (int i = 0; i < perClass; i++) {
      in[i] = ties ? rng.nextInt(4) : normal(rng);
      out[i] = ties ? rng.nextInt(4) : normal(rng);
    }
    return ClassScores.ofClasses(in, out);
  }

  static double normal(RandomGenerator rng) {
    double u;
    do {
      u = rng.nextDouble();
    } while (u == 0);
    return N01.inverseCumulativeProbability(u);
  }
}
