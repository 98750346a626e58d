package org.dpaudit.trainers.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dpaudit.core.provenance.EnvironmentInfo;
import org.dpaudit.core.provenance.Provenance;
import org.junit.jupiter.api.Test;

/** table.md shows what table.json holds, with user text escaped for Markdown tables. */
class MarkdownTableTest {
  static ExperimentTable table(String label) {
    ExperimentPreset p = Presets.load("seed000-table1");
    TableCell a = new TableCell(0.2, "x/eps-0.2", 0.9123, 0.9303, 0.2, 31234.5, "PLD", 12);
    TableCell b = new TableCell(8, "x/eps-8", 0.5, null, 8, Double.POSITIVE_INFINITY, "RDP", 12);
    TableRow row = new TableRow(label, "enadpp", Map.of(), "basis", List.of("a caveat"), List.of(a, b));
    return new ExperimentTable(1, "experiment-table", Provenance.of("experiment", Map.of(), List.of(),
        EnvironmentInfo.current(), null, Instant.now()), "p", "title", "source", List.of("note"), p.settings(),
        List.of(0.2, 8.0), List.of(row), 125);
  }

  @Test
  void cells_showOursBesideThePapers_andClaimedBesideProven() {
    String md = MarkdownTable.render(table("EnADPP"));
    assertTrue(md.contains("| EnADPP | 91.23% / 93.03% | 50.00% / - |"), md);
    assertTrue(md.contains("| EnADPP | 0.200 / 3.12e+04 (PLD) | 8.00 / inf (RDP) |"), md);
    assertTrue(md.contains("| scheme | eps = 0.2 | eps = 8 |"), md);
    assertTrue(md.contains("this table: 2 min 05 s"), md);
    assertTrue(md.contains("(at delta = 0.00001)"), md);
    assertTrue(md.contains("  - caveat: a caveat"), md);
  }

  @Test
  void aCaveatTwoRowsShare_isWrittenOnce_theSecondRowPointsToTheFirst() {
    ExperimentTable one = table("Abadi");
    TableRow first = new TableRow("Abadi", "collab-dp-corrected", Map.of(), "basis", List.of("PCA on the pool", "own"),
        one.rows().get(0).cells());
    TableRow second = new TableRow("K = 4", "collab-dp-corrected", Map.of(), "basis", List.of("PCA on the pool"),
        one.rows().get(0).cells());
    String md = MarkdownTable.render(new ExperimentTable(1, "experiment-table", one.provenance(), "p", "title",
        "source", List.of(), one.settings(), one.epsilons(), List.of(first, second), 1));
    assertEquals(1, md.split("caveat: PCA on the pool", -1).length - 1, md);
    assertTrue(md.contains("- **K = 4** (`collab-dp-corrected`): claimed: basis\n  - caveat: the same as for "
        + "**Abadi** above\n"), md);
    assertTrue(md.contains("  - caveat: own\n"), md);
  }

  @Test
  void threeSeeds_showMeanAndSampleSd_andEachSeedsAudit() {
    TableCell s1 = new TableCell(1, "d/eps-1", 0.90, null, 1, 0.9, "PLD", 10);
    TableCell s2 = new TableCell(1, "d/eps-1.s2", 0.92, null, 1, 0.9, "PLD", 20);
    TableCell s3 = new TableCell(1, "d/eps-1.s3", 0.94, null, 1, 0.9, "PLD", 30);
    List<CellAudit> audits = List.of(new CellAudit("d/eps-1", "white-box", 100, 0.25, "consistent", false),
        new CellAudit("d/eps-1.s2", "white-box", 100, 0.5, "consistent", false),
        new CellAudit("d/eps-1.s3", "white-box", 100, 2.5, "claim-violated", true));
    TableCell c = TableCell.ofSeeds(List.of(s1, s2, s3), audits);
    assertEquals(0.92, c.testAccuracy(), 1e-12);
    assertEquals(0.02, c.testAccuracySd(), 1e-12, "sample sd of 0.90, 0.92, 0.94");
    assertEquals(20, c.seconds(), 1e-12);
    assertEquals("d/eps-1", c.run());
    assertEquals("92.00 +- 2.00%", MarkdownTable.accuracy(c));
    assertEquals("1.00 / 0.900 / >= 0.250, 0.500, 2.50, consistent x2; claim-violated (finding) x1",
        MarkdownTable.audit(c));
    TableCell notAudited = TableCell.ofSeeds(List.of(s1, s2), java.util.Arrays.asList(audits.get(0), null));
    assertEquals(null, notAudited.audits(), "a cell is audited only if every seed's run is");
    assertEquals("90.00%", MarkdownTable.accuracy(TableCell.ofSeeds(List.of(s1), null)));
  }

  @Test
  void userText_cannotBreakTheTable() {
    String md = MarkdownTable.render(table("A|B*"));
    assertTrue(md.contains("| A\\|B\\* |"), md);
    assertEquals("0.200", MarkdownTable.eps(0.2));
    assertEquals("1.00e+04", MarkdownTable.eps(1e4));
  }
}
