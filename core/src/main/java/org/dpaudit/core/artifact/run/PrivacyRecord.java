package org.dpaudit.core.artifact.run;

import java.util.List;
import java.util.Objects;
import org.dpaudit.core.accounting.RunAccounting;
import org.dpaudit.core.privacy.PrivacyLedger;

/**
 * The privacy block of {@code run.json}: the scheme's claim and the accountants' proof side by
 * side, the parameters they were computed from, the caveats no accountant covers, and the ledger.
 *
 * @param claimedEpsilon what the scheme's paper claims for this run (infinite for non-private)
 * @param claimBasis where the claim comes from
 * @param accountantEpsilon what the accountants prove for the ledger; null when unknown (a model
 *     imported without its training parameters)
 * @param delta the delta both are stated at
 * @param noiseMultiplier sigma (0 when non-private)
 * @param samplingRate q
 * @param trainingExamples n, the number of examples trained on (members and included canaries)
 * @param steps optimizer steps taken (equals {@code ledger.steps()})
 * @param samplerTailDelta the delta the noise sampler's bounded support costs ({@code
 *     SamplerTail}); the accountant epsilon is stated at {@code delta - samplerTailDelta}; null for an
 *     imported model (its noise sampler is unknown)
 * @param calibration how the noise multiplier was solved for from a target epsilon (which accountant,
 *     and what it proves), or null when sigma was given (or in run.json files older than this field)
 */
public record PrivacyRecord(
    String scheme,
    double claimedEpsilon,
    String claimBasis,
    AccountantEpsilons accountantEpsilon,
    double delta,
    double noiseMultiplier,
    double clipNorm,
    double samplingRate,
    int trainingExamples,
    long steps,
    SamplerKind sampler,
    List<String> caveats,
    PrivacyLedger ledger,
    Double samplerTailDelta,
    RunAccounting.Calibration calibration) {
  public PrivacyRecord {
    Objects.requireNonNull(scheme, "scheme");
    caveats = List.copyOf(caveats);
    Objects.requireNonNull(ledger, "ledger");
  }

  /** A record without a calibration (sigma given, or an imported model). */
  public PrivacyRecord(String scheme, double claimedEpsilon, String claimBasis, AccountantEpsilons accountantEpsilon,
      double delta, double noiseMultiplier, double clipNorm, double samplingRate, int trainingExamples, long steps,
      SamplerKind sampler, List<String> caveats, PrivacyLedger ledger, Double samplerTailDelta) {
    this(scheme, claimedEpsilon, claimBasis, accountantEpsilon, delta, noiseMultiplier, clipNorm, samplingRate,
        trainingExamples, steps, sampler, caveats, ledger, samplerTailDelta, null);
  }

  /** A record without the sampler's tail (an imported model, or a run written before it was counted). */
  public PrivacyRecord(String scheme, double claimedEpsilon, String claimBasis, AccountantEpsilons accountantEpsilon,
      double delta, double noiseMultiplier, double clipNorm, double samplingRate, int trainingExamples, long steps,
      SamplerKind sampler, List<String> caveats, PrivacyLedger ledger) {
    this(scheme, claimedEpsilon, claimBasis, accountantEpsilon, delta, noiseMultiplier, clipNorm, samplingRate,
        trainingExamples, steps, sampler, caveats, ledger, null, null);
  }
}
