package org.dpaudit.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.dpaudit.cli.CliRunner;
import org.dpaudit.core.accounting.AccountantKind;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.artifact.run.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --calibrate-with pld}: run.json says PLD calibrated, what it proves meets the target,
 * and the claim's basis names the accountant; RDP (the default) needs more noise for the same target.
 */
class CalibrateWithTest {
  @TempDir Path dir;

  private static String[] args(Path out, String accountant) {
    return new String[] {"train", "--scheme", "dpsgd", "--model", "mlp", "--dataset", "mnist", "--members", "300",
        "--non-members", "100", "--attacker-pool", "0", "--test", "200", "--epsilon", "3", "--batch-size", "30",
        "--epochs", "2", "--lr", "0.1", "--seed", "1", "--calibrate-with", accountant, "--out", out.toString()};
  }

  @Test
  void pld_isRecorded_meetsTheTarget_andNeedsLessNoiseThanRdp() {
    CliRunner.Result pld = CliRunner.run(args(dir.resolve("pld"), "pld"));
    assertEquals(0, pld.exitCode(), pld.err());
    CliRunner.Result rdp = CliRunner.run(args(dir.resolve("rdp"), "rdp"));
    assertEquals(0, rdp.exitCode(), rdp.err());
    var p = Json.read(dir.resolve("pld/run.json"), RunRecord.class).privacy();
    var r = Json.read(dir.resolve("rdp/run.json"), RunRecord.class).privacy();
    assertEquals(AccountantKind.PLD, p.calibration().accountant());
    assertEquals(AccountantKind.RDP, r.calibration().accountant());
    assertTrue(p.accountantEpsilon().pld().epsilon() <= 3.0, "PLD proves " + p.accountantEpsilon().pld().epsilon());
    assertTrue(p.claimBasis().contains("PLD accountant"), p.claimBasis());
    assertTrue(p.noiseMultiplier() < r.noiseMultiplier(), p.noiseMultiplier() + " vs " + r.noiseMultiplier());
    assertEquals(r.noiseMultiplier(), p.calibration().rdpNoiseMultiplier(), 1e-12);
  }

  @Test
  void anotherAccountant_isOneLine_exit2() {
    CliRunner.Result c = CliRunner.run(args(dir.resolve("x"), "gdp"));
    assertEquals(2, c.exitCode());
    assertEquals(1, c.errLines().length, c.err());
  }
}
