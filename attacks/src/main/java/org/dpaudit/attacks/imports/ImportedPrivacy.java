package org.dpaudit.attacks.imports;

import java.util.ArrayList;
import java.util.List;
import org.dpaudit.core.privacy.PrivacyLedger;
import org.dpaudit.core.privacy.SamplingSchedule;
import org.dpaudit.core.artifact.run.SamplerKind;
import org.dpaudit.core.artifact.run.AccountantEpsilons;
import org.dpaudit.core.artifact.run.PrivacyRecord;
import org.dpaudit.core.accounting.RunAccounting;

/**
 * The privacy block of an imported run. Without declared training parameters nothing bounds the
 * model's leakage from above: no accountant epsilon, only the declared claim can be checked. With
 * them ({@link DeclaredTraining}), the ledger they imply is accounted by the same accountants as
 * dpaudit's own runs, and the claim, unless declared, is DP-SGD's own for those parameters (the
 * moments accountant, computed with RDP), as for {@code train --scheme dpsgd --noise-multiplier}.
 */
final class ImportedPrivacy {
  static final String SCHEME = "external";

  private ImportedPrivacy() {}

  static PrivacyRecord of(ImportConfig cfg, int members) {
    DeclaredTraining t = cfg.training();
    if (t == null) {
      double claimed = cfg.claimedEpsilon() == null ? Double.POSITIVE_INFINITY : cfg.claimedEpsilon();
      return new PrivacyRecord(SCHEME, claimed, basis(cfg), null, cfg.delta(), 0, 0, 0, members, 0,
          SamplerKind.POISSON, List.of("trained outside dpaudit: no accountant epsilon is known, only the declared "
              + "claim can be checked (give --noise-multiplier with --sampling-rate and --steps for one)"),
          PrivacyLedger.empty());
    }
    RunAccounting accounting = new RunAccounting();
    PrivacyLedger ledger = t.ledger();
    AccountantEpsilons proven = accounting.account(ledger, cfg.delta());
    double claimed;
    String basis;
    if (cfg.claimedEpsilon() != null) {
      claimed = cfg.claimedEpsilon();
      basis = basis(cfg);
    } else {
      claimed = accounting.rdp(ledger.composedEvent(), cfg.delta()).epsilon();
      basis = "DP-SGD's claim for the declared parameters (" + setting(cfg) + "): the moments accountant (Abadi et al. "
          + "2016), computed with RDP";
    }
    List<String> caveats = new ArrayList<>();
    caveats.add("trained outside dpaudit: the noise multiplier, sampling rate and steps were declared by the model's "
        + "owner, not observed; the accountant epsilon holds only if training really was DP-SGD with them (per-example "
        + "clipping, Gaussian noise of sigma times the clipping norm on the sum)");
    if (t.schedule().samplingRate() < 1) {
      caveats.add("the epsilon assumes Poisson sampling with q = " + t.schedule().samplingRate() + "; shuffled "
          + "fixed-size batches (the default of most training loops) are not covered by this analysis");
    }
    return new PrivacyRecord(SCHEME, claimed, basis, proven, cfg.delta(), t.noiseMultiplier(), 0,
        t.schedule().samplingRate(), members, t.schedule().steps(), SamplerKind.POISSON, caveats, ledger);
  }

  private static String basis(ImportConfig cfg) {
    return cfg.claimedEpsilon() == null ? "no claim declared at import" : "declared at import by the model's owner";
  }

  /** The declared parameters in words. */
  static String setting(ImportConfig cfg) {
    DeclaredTraining t = cfg.training();
    SamplingSchedule s = t.schedule();
    String base = "noise multiplier " + t.noiseMultiplier() + ", sampling rate " + s.samplingRate() + ", " + s.steps()
        + " steps";
    return s.derived() ? base + " (" + s.epochs() + " epochs of " + s.datasetSize() + " examples in batches of "
        + s.batchSize() + ")" : base;
  }
}
