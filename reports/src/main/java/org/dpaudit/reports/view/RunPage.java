package org.dpaudit.reports.view;

import java.util.List;
import org.dpaudit.reports.charts.Svg;

/**
 * Everything the single-run template shows, already formatted: the template only lays it out.
 *
 * @param runName the run's name (user data)
 * @param runPath the run directory as given on the command line
 * @param scheme the training scheme
 * @param generated when and by which dpaudit the report was written
 * @param seeded whether the run's randomness was seeded (the "not for release" banner)
 * @param seed the seed, when seeded
 * @param headline the verdict and the three epsilons
 * @param caveats what the accountant's epsilon does not cover
 * @param utility model utility, or null when unknown (an imported scores file)
 * @param attacks the membership attacks
 * @param canaries the canary audit, or null when the run has no canaries
 * @param inversion the model inversion, or null when not run
 * @param audit the audit's evidence, or null when not audited
 * @param privacy the ledger and accountants, or null when the run records none
 * @param provenance how the run was made
 * @param leftOut artifacts not shown because they were made from other files than the run's current
 *     ones (with the reason)
 */
public record RunPage(
    String runName,
    String runPath,
    String scheme,
    String generated,
    boolean seeded,
    String seed,
    Headline headline,
    List<String> caveats,
    Utility utility,
    List<AttackView> attacks,
    CanaryView canaries,
    InversionView inversion,
    AuditView audit,
    PrivacyView privacy,
    ProvenanceView provenance,
    List<String> leftOut) {

  /**
   * Model utility.
   *
   * @param gap train minus test accuracy, in percentage points: a large gap is where loss attacks
   *     find members
   * @param chart accuracy and epsilon spent per epoch, or null without history
   * @param privateMetrics what the training-set figures are (statistics of the private members
   *     without noise, outside every guarantee), or null
   */
  public record Utility(String testAccuracy, String trainAccuracy, String gap, String epochs, String finalLoss,
      Svg chart, String privateMetrics) {}
}
