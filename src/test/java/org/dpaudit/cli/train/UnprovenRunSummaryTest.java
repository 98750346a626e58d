package org.dpaudit.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.dpaudit.cli.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private scheme whose ledger records a release without noise (EnADPP as published releases its
 * data-dependent noise scales) proves no epsilon: train says "not proven" and why, not "no privacy".
 */
class UnprovenRunSummaryTest {
  @TempDir Path dir;

  @Test
  void enadppAsPublished_isNotProven_andTheCaveatSaysWhy() {
    CliRunner.Result r = CliRunner.run("train", "--scheme", "enadpp", "--model", "mlp", "--dataset", "mnist",
        "--members", "200", "--non-members", "100", "--attacker-pool", "100", "--test", "200", "--epsilon", "2",
        "--batch-size", "50", "--epochs", "1", "--seed", "1", "--out", dir.resolve("run").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("accountant epsilon  not proven: its ledger records a release without noise"), r.out());
    assertTrue(r.out().contains("caveat: per-neuron noise scales"), r.out());
    assertFalse(r.out().contains("accountant epsilon  inf"), r.out());
  }
}
