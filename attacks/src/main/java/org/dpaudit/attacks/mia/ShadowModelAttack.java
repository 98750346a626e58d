package org.dpaudit.attacks.mia;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.dpaudit.attacks.AttackKind;
import org.dpaudit.attacks.shadow.ShadowPlan;
import org.dpaudit.attacks.shadow.ShadowScores;
import org.dpaudit.attacks.shadow.Shadows;
import org.dpaudit.attacks.target.Target;
import org.dpaudit.core.Checks;
import org.dpaudit.core.random.Randomness;
import org.dpaudit.datasets.Dataset;
import org.dpaudit.datasets.split.Splitter;
import smile.classification.LogisticRegression;

/**
 * The shadow-model attack of Shokri et al. 2017.
 *
 * <pre>
 * shadows    k models trained with the target's recipe, each on its own "in" set from the attacker
 *            pool, with an equally large disjoint "out" set
 * features   the shadow's probability vector on an example, sorted in decreasing order (as logs)
 * attack     one logistic-regression classifier per true class (Smile), in vs out
 * score      the target's sorted probability vector through the classifier of the example's class:
 *            P(in)
 * </pre>
 */
public final class ShadowModelAttack implements MembershipAttack {
  /** Ridge penalty of the attack classifiers: keeps them stable when classes separate perfectly. */
  static final double LAMBDA = 1e-3;

  /** What the attack classifiers are, as recorded. */
  static final String CLASSIFIER = "Smile logistic regression per class on sorted log-probabilities";

  @Override
  public AttackKind kind() {
    return AttackKind.SHADOW;
  }

  /** Four pairs of shadow IN/OUT sets: enough examples for the per-class classifiers at the demo's sizes. */
  @Override
  public int defaultShadows() {
    return 4;
  }

  @Override
  public ShadowUse shadowUse() {
    return ShadowUse.OWN;
  }

  /** Trains (or reuses) the shadows of a fresh plan and scores the challenge with their classifiers. */
  @Override
  public MembershipResult run(AttackContext c) {
    Shadows s = c.shadows();
    Shadows.Trained t = s.train(Map.of("shadows", s.count()), fingerprint -> {
      Plan p = plan(s.pool(), s.trainingSize(), s.count(), c.randomness());
      Map<String, int[]> outs = new LinkedHashMap<>();
      for (int k = 0; k < p.outs().size(); k++) {
        outs.put("out/" + k, p.outs().get(k));
      }
      return ShadowPlan.of("shadow", fingerprint, p.ins(), p.eval(), outs);
    });
    List<int[]> outs = new ArrayList<>();
    for (int k = 0; k < t.plan().size(); k++) {
      outs.add(t.plan().extra("out/" + k));
    }
    Result r = score(c.target(), c.population(), c.challenge(), new Plan(t.plan().trainSets(), outs,
        t.plan().evalIdx()), t.scores());
    return new MembershipResult(r.scores(), null, new AttackDetails.Shadow(r.shadows(), r.shadowTrainingSize(),
        CLASSIFIER, t.saved().toString()));
  }

  /** The scores and the sizes used. */
  public record Result(MembershipScores scores, int shadows, int shadowTrainingSize) {}

  /** Each shadow model's IN and OUT sets (attacker-pool examples) and the examples all are evaluated on. */
  public record Plan(List<int[]> ins, List<int[]> outs, int[] eval) {}

  /** Draws {@code shadows} disjoint IN/OUT pairs of the target's training size (at most half the pool each). */
  public static Plan plan(int[] pool, int trainingSize, int shadows, Randomness randomness) {
    Checks.check(shadows >= 1, "the shadow-model attack needs at least 1 shadow model; got " + shadows);
    int size = Math.min(trainingSize, pool.length / 2);
    Checks.check(size >= 10, "the attacker pool (" + pool.length + " examples) is too small for shadow models");
    List<int[]> ins = new ArrayList<>();
    List<int[]> outs = new ArrayList<>();
    TreeSet<Integer> evalSet = new TreeSet<>();
    for (int k = 0; k < shadows; k++) {
      int[] perm = Splitter.permutation(pool.length, randomness.stream("shokri/" + k));
      int[] in = new int[size];
      int[] out = new int[size];
      for (int j = 0; j < size; j++) {
        in[j] = pool[perm[j]];
        out[j] = pool[perm[size + j]];
        evalSet.add(in[j]);
        evalSet.add(out[j]);
      }
      Arrays.sort(in);
      ins.add(in);
      outs.add(out);
    }
    return new Plan(ins, outs, evalSet.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Trains the per-class classifiers on the shadows' outputs (model k: {@code plan}'s set k) and scores the challenge. */
  public static Result score(Target target, Dataset population, Challenge challenge, Plan plan,
      List<ShadowScores> shadows) {
    int classes = target.numClasses();
    List<List<double[]>> x = new ArrayList<>();
    List<List<Integer>> y = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      x.add(new ArrayList<>());
      y.add(new ArrayList<>());
    }
    for (int k = 0; k < shadows.size(); k++) {
      addExamples(x, y, population, shadows.get(k), plan.ins().get(k), 1, classes);
      addExamples(x, y, population, shadows.get(k), plan.outs().get(k), 0, classes);
    }
    LogisticRegression.Binomial[] models = new LogisticRegression.Binomial[classes];
    for (int c = 0; c < classes; c++) {
      int[] labels = y.get(c).stream().mapToInt(Integer::intValue).toArray();
      if (Arrays.stream(labels).distinct().count() == 2) {
        models[c] = LogisticRegression.binomial(x.get(c).toArray(new double[0][]), labels, LAMBDA, 1e-5, 500);
      }
    }
    float[] tp = target.logits(population, challenge.indices());
    int[] labels = population.gatherLabels(challenge.indices());
    double[] scores = new double[challenge.size()];
    double[] posterior = new double[2];
    for (int i = 0; i < scores.length; i++) {
      LogisticRegression.Binomial m = models[labels[i]];
      if (m == null) {
        scores[i] = 0.5;
        continue;
      }
      m.predict(features(tp, i, classes), posterior);
      scores[i] = posterior[1];
    }
    return new Result(new MembershipScores("shadow", challenge.indices(), scores, challenge.members()), shadows.size(),
        plan.ins().get(0).length);
  }

  private static void addExamples(List<List<double[]>> x, List<List<Integer>> y, Dataset population,
      ShadowScores shadow, int[] examples, int label, int classes) {
    float[] logits = shadow.logits(examples);
    for (int j = 0; j < examples.length; j++) {
      int c = population.label(examples[j]);
      x.get(c).add(features(logits, j, classes));
      y.get(c).add(label);
    }
  }

  /** Sorted (decreasing) log-probabilities of row {@code i} (logits minus their log-sum-exp). */
  static double[] features(float[] logits, int i, int classes) {
    double[] f = new double[classes];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      max = Math.max(max, logits[i * classes + c]);
    }
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      sum += Math.exp(logits[i * classes + c] - max);
    }
    for (int c = 0; c < classes; c++) {
      f[c] = logits[i * classes + c] - max - Math.log(sum);
    }
    Arrays.sort(f);
    for (int a = 0, b = classes - 1; a < b; a++, b--) {
      double t = f[a];
      f[a] = f[b];
      f[b] = t;
    }
    return f;
  }
}
