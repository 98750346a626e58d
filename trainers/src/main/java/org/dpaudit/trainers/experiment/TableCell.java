package org.dpaudit.trainers.experiment;

/**
 * One trained cell of a grid.
 *
 * @param epsilon the column's epsilon: the privacy budget the scheme was given
 * @param run the cell's run directory, relative to the table's directory
 * @param testAccuracy ours, as a fraction
 * @param publishedAccuracy the paper's, as a fraction, or null
 * @param claimedEpsilon what the scheme's paper claims for the run (run.json privacy.claimedEpsilon)
 * @param accountantEpsilon what the accountants prove for what the code did, at the table's delta
 * @param accountant which accountant gave it (RDP, PLD or PURE_DP)
 * @param seconds training time
 * @param fusedTestAccuracy the fused predictor's accuracy for schemes that fuse several models
 *     (ICGC-DP), else null
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
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    Double fusedTestAccuracy) {
  /** A cell without a fused predictor. */
  public TableCell(double epsilon, String run, double testAccuracy, Double publishedAccuracy, double claimedEpsilon,
      double accountantEpsilon, String accountant, double seconds) {
    this(epsilon, run, testAccuracy, publishedAccuracy, claimedEpsilon, accountantEpsilon, accountant, seconds, null);
  }
}
