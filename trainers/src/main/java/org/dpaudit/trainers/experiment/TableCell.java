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
 */
public record TableCell(
    double epsilon,
    String run,
    double testAccuracy,
    Double publishedAccuracy,
    double claimedEpsilon,
    double accountantEpsilon,
    String accountant,
    double seconds) {}
