package org.dpaudit.attacks.mia;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.dpaudit.attacks.shadow.ShadowRecipe;
import org.dpaudit.attacks.shadow.ShadowTrainer;
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
public final class ShadowModelAttack {
  /** Ridge penalty of the attack classifiers: keeps them stable when classes separate perfectly. */
  static final double LAMBDA = 1e-3;

  private ShadowModelAttack() {}

  /** The scores and the sizes used. */
  public record Result(MembershipScores scores, int shadows, int shadowTrainingSize) {}

  public static Result run(Target target, Dataset population, Challenge challenge, int[] pool, int trainingSize,
      int shadows, ShadowRecipe recipe, ShadowTrainer trainer, Randomness randomness, Consumer<String> progress) {
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
    int[] eval = evalSet.stream().mapToInt(Integer::intValue).toArray();
    float[][] probs = trainer.trainAndPredict(population, ins, eval, recipe, randomness, progress);
    int classes = target.numClasses();
    List<List<double[]>> x = new ArrayList<>();
    List<List<Integer>> y = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      x.add(new ArrayList<>());
      y.add(new ArrayList<>());
    }
    for (int k = 0; k < shadows; k++) {
      addExamples(x, y, population, eval, probs[k], ins.get(k), 1, classes);
      addExamples(x, y, population, eval, probs[k], outs.get(k), 0, classes);
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
    return new Result(new MembershipScores("shadow", challenge.indices(), scores, challenge.members()), shadows, size);
  }

  private static void addExamples(List<List<double[]>> x, List<List<Integer>> y, Dataset population, int[] eval,
      float[] probs, int[] examples, int label, int classes) {
    for (int e : examples) {
      int pos = Arrays.binarySearch(eval, e);
      int c = population.label(e);
      x.get(c).add(features(probs, pos, classes));
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
