package org.dpaudit.trainers.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.accounting.AccountantKind;
import org.dpaudit.core.accounting.NoiseCalibrator;
import org.dpaudit.core.accounting.PldAccountant;
import org.dpaudit.core.accounting.RdpAccountant;
import org.dpaudit.core.accounting.RunAccounting;
import org.dpaudit.core.privacy.DpEvent;
import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.core.artifact.run.SamplerKind;
import org.junit.jupiter.api.Test;

/**
 * Calibrating DP-SGD's noise for a target epsilon, with either accountant: the sigma found must meet
 * the target under the accountant that found it (checked by a fresh accountant, not the search's
 * own answer), be nearly the least that does, and PLD must need less noise than RDP.
 */
class RunAccountingCalibrationTest {
  // The MNIST setting of the time-to-accuracy benchmark: q = 256/59000, 15 epochs of 231 steps.
  static final double Q = 256.0 / 59000;
  static final long STEPS = 3465;
  static final double TARGET = 2.0;
  static final double DELTA = 1e-5;

  private static DpEvent event(double sigma) {
    return NoiseCalibrator.dpSgd(Q, sigma, STEPS);
  }

  @Test
  void rdp_calibratedSigma_meetsTheTargetUnderRdp_andIsTheLeastThatDoes() {
    RunAccounting a = new RunAccounting();
    double sigma = a.calibrateNoiseMultiplier(Q, STEPS, TARGET, DELTA);
    assertTrue(new RdpAccountant().epsilon(event(sigma), DELTA).epsilon() <= TARGET);
    assertTrue(new RdpAccountant().epsilon(event(sigma * (1 - 1e-4)), DELTA).epsilon() > TARGET);
    RunAccounting.Calibration c = a.calibration().orElseThrow();
    assertEquals(AccountantKind.RDP, c.accountant());
    assertEquals(sigma, c.noiseMultiplier());
    assertEquals(sigma, c.rdpNoiseMultiplier());
  }

  @Test
  void pld_calibratedSigma_meetsTheTargetUnderPld_needsLessNoiseThanRdp_andRdpStaysAvailable() {
    RunAccounting a = new RunAccounting(AccountantKind.PLD);
    double sigma = a.calibrateNoiseMultiplier(Q, STEPS, TARGET, DELTA);
    double byPld = new PldAccountant().epsilon(event(sigma), DELTA).epsilon();
    assertTrue(byPld <= TARGET, "PLD proves " + byPld + " for the PLD-calibrated sigma " + sigma);
    // The least sigma to 1e-4 relative: a little less noise no longer meets the target.
    assertTrue(new PldAccountant().epsilon(event(sigma * (1 - 2e-4)), DELTA).epsilon() > TARGET);
    RunAccounting.Calibration c = a.calibration().orElseThrow();
    assertEquals(AccountantKind.PLD, c.accountant());
    assertEquals(byPld, c.epsilon(), 1e-12);
    assertTrue(sigma < 0.95 * c.rdpNoiseMultiplier(), "PLD " + sigma + " vs RDP " + c.rdpNoiseMultiplier());
    // RDP, still reported, proves more than the target for the PLD sigma: the run's epsilon is PLD's.
    assertTrue(new RdpAccountant().epsilon(event(sigma), DELTA).epsilon() > TARGET);
    assertEquals(c.rdpNoiseMultiplier(), new RunAccounting().calibrateNoiseMultiplier(Q, STEPS, TARGET, DELTA));
  }

  @Test
  void epsilonSoFar_isPldsWhenPldCalibrated_andRdpsOtherwise() {
    org.dpaudit.core.privacy.PrivacyLedger ledger = org.dpaudit.core.privacy.PrivacyLedger.empty();
    for (int i = 0; i < 231; i++) { // one epoch of the MNIST run at the PLD-calibrated sigma
      ledger = ledger.append(new DpEvent.PoissonSampled(Q, new DpEvent.Gaussian(0.8424)));
    }
    DpEvent spent = ledger.composedEvent();
    double byRdp = new RdpAccountant().epsilon(spent, DELTA).epsilon();
    double byPld = new PldAccountant().epsilon(spent, DELTA).epsilon();
    assertTrue(byPld < byRdp);
    assertEquals(byPld, new RunAccounting(AccountantKind.PLD).epsilonSoFar(ledger, DELTA), 1e-12);
    assertEquals(byRdp, new RunAccounting().epsilonSoFar(ledger, DELTA), 1e-12);
  }

  @Test
  void onlyRdpOrPld_calibrate_andOlderConfigsMeanRdp() {
    assertThrows(IllegalArgumentException.class, () -> new RunAccounting(AccountantKind.GDP_CLT));
    assertThrows(InvalidInputException.class, () -> new PrivacyConfig("dpsgd", 1, null, 2.0, DELTA, SamplerKind.POISSON,
        java.util.Map.of(), AccountantKind.PURE_DP));
    PrivacyConfig old = new PrivacyConfig("dpsgd", 1, null, 2.0, DELTA, SamplerKind.POISSON, java.util.Map.of(), null);
    assertEquals(AccountantKind.RDP, old.calibrateWith());
  }
}
