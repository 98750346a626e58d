package org.dpaudit.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.dpaudit.cli.CliRunner;
import org.dpaudit.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seeds 002-004 options of 'dpaudit train' that are checked before any training. */
class TrainSchemeOptionsTest {
  @TempDir Path dir;

  @Test
  void workers_belongsToCollabDpOnly() {
    CliRunner.Result r = CliRunner.run("train", "--scheme", "dpsgd", "--workers", "2", "--epsilon", "1", "--out",
        dir.resolve("x").toString());
    assertEquals(ExitCodes.ERROR, r.exitCode());
    assertEquals(1, r.errLines().length, r.err());
    assertTrue(r.err().contains("--workers is an option of collab-dp"), r.err());
  }

  @Test
  void help_listsTheSchemesOptions() {
    CliRunner.Result r = CliRunner.run("train", "--help");
    assertEquals(0, r.exitCode());
    for (String s : new String[] {"icgc-dp", "collab-dp", "neuraldp", "--workers", "pca60-mlp1000", "min-threshold",
        "noise-draw", "activation-clip"}) {
      assertTrue(r.out().contains(s), "help lacks " + s);
    }
  }
}
