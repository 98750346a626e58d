package org.dpaudit.trainers.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One cell of a grid: a scheme at one epsilon, trained once per seed.
 *
 * @param epsilon the column's epsilon: the privacy budget the scheme was given
 * @param run the first seed's run directory, relative to the table's directory
 * @param testAccuracy ours, as a fraction: the mean over the seeds
 * @param publishedAccuracy the paper's, as a fraction, or null
 * @param claimedEpsilon what the scheme's paper claims for the run (run.json privacy.claimedEpsilon)
 * @param accountantEpsilon what the accountants prove for what the code did, at the table's delta
 * @param accountant which accountant gave it (RDP, PLD or PURE_DP)
 * @param seconds training time (mean over the seeds)
 * @param fusedTestAccuracy the fused predictor's accuracy for schemes that fuse several models
 *     (ICGC-DP), mean over the seeds, else null
 * @param seedAccuracies each seed's test accuracy, in seed order (null for a single seed)
 * @param testAccuracySd the sample standard deviation of the seeds' accuracies (null for one seed)
 * @param audits each seed's audit (null when the experiment was not audited)
 */
public record TableCell(
    double epsilon,
    String run,
    double testAccuracy,
    Double publishedAccuracy,
    double claimedEpsilon,
    double accountantEpsilon,
    String accountant,
    double seconds,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double fusedTestAccuracy,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> seedAccuracies,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double testAccuracySd,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<CellAudit> audits) {
  public TableCell {
    seedAccuracies = seedAccuracies == null ? null : List.copyOf(seedAccuracies);
    audits = audits == null ? null : List.copyOf(audits);
  }

  /** A cell of one seed, not audited. */
  public TableCell(double epsilon, String run, double testAccuracy, Double publishedAccuracy, double claimedEpsilon,
      double accountantEpsilon, String accountant, double seconds, Double fusedTestAccuracy) {
    this(epsilon, run, testAccuracy, publishedAccuracy, claimedEpsilon, accountantEpsilon, accountant, seconds,
        fusedTestAccuracy, null, null, null);
  }

  /** A cell of one seed without a fused predictor, not audited. */
  public TableCell(double epsilon, String run, double testAccuracy, Double publishedAccuracy, double claimedEpsilon,
      double accountantEpsilon, String accountant, double seconds) {
    this(epsilon, run, testAccuracy, publishedAccuracy, claimedEpsilon, accountantEpsilon, accountant, seconds, null);
  }

  /** The number of seeds the cell was trained with. */
  public int seeds() {
    return seedAccuracies == null ? 1 : seedAccuracies.size();
  }

  /**
   * The cells of one (scheme, epsilon) trained with several seeds, as one: accuracies averaged with
   * their sample standard deviation, the privacy figures of the first (they do not depend on the
   * seed: the noise is calibrated from the configuration alone), and the audits (null entries: not
   * audited) kept per seed.
   */
  static TableCell ofSeeds(List<TableCell> perSeed, List<CellAudit> audits) {
    TableCell first = perSeed.get(0);
    boolean audited = audits != null && audits.stream().allMatch(java.util.Objects::nonNull);
    if (perSeed.size() == 1) {
      return new TableCell(first.epsilon, first.run, first.testAccuracy, first.publishedAccuracy,
          first.claimedEpsilon, first.accountantEpsilon, first.accountant, first.seconds, first.fusedTestAccuracy,
          null, null, audited ? audits : null);
    }
    List<Double> acc = perSeed.stream().map(TableCell::testAccuracy).toList();
    Double fused = first.fusedTestAccuracy == null ? null
        : mean(perSeed.stream().map(TableCell::fusedTestAccuracy).toList());
    return new TableCell(first.epsilon, first.run, mean(acc), first.publishedAccuracy, first.claimedEpsilon,
        first.accountantEpsilon, first.accountant, mean(perSeed.stream().map(TableCell::seconds).toList()), fused,
        acc, sd(acc), audited ? audits : null);
  }

  static double mean(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).sum() / xs.size();
  }

  /** The sample standard deviation (n - 1); 0 for one value. */
  static double sd(List<Double> xs) {
    if (xs.size() < 2) {
      return 0;
    }
    double m = mean(xs);
    double ss = xs.stream().mapToDouble(x -> (x - m) * (x - m)).sum();
    return Math.sqrt(ss / (xs.size() - 1));
  }
}
