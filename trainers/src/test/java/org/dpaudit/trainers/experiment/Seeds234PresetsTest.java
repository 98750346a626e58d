package org.dpaudit.trainers.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.provenance.EnvironmentInfo;
import org.dpaudit.core.provenance.Provenance;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.junit.jupiter.api.Test;

/**
 * The seeds 002-004 presets: the papers' numbers as published, rows that change the dataset, and
 * columns that fix the noise multiplier.
 */
class Seeds234PresetsTest {
  /** Seed 002's abstract (shared/seeds/002_9d025089e6a15f68.txt): MNIST and Fashion-MNIST at epsilon 2 and 8. */
  @Test
  void seed002_holdsTheAbstractsNumbers_andEachRowsDataset() {
    ExperimentPreset p = Presets.load("seed002");
    assertEquals(List.of(2.0, 8.0), p.epsilons());
    assertEquals(List.of(0.9736, 0.9781), p.rows().get(0).published());
    assertEquals(List.of(0.8872, 0.8949), p.rows().get(3).published());
    PresetRow fashion = p.rows().get(3);
    assertEquals("icgc-dp-fashion-mnist", fashion.directory());
    TrainingConfig c = p.settings().with(fashion.settings(), "row").config(fashion.scheme(), fashion.options(), 2.0,
        p.noiseMultiplierAt(0));
    assertEquals("fashion-mnist", c.data().dataset());
    assertEquals(2.0, c.privacy().targetEpsilon());
    assertEquals(p.rows().size(), p.rows().stream().map(PresetRow::directory).distinct().count(),
        "every row has its own directory");
    assertEquals("fashion-mnist", p.quickVersion().rows().get(3).settings().get("dataset"), "quick keeps the dataset");
    assertEquals(List.of("mnist", "fashion-mnist"), p.rows().stream().filter(r -> r.scheme().equals("nonprivate"))
        .map(p::datasetOf).toList(), "a non-private row per dataset");
  }

  /** The abstract's CIFAR-10 numbers (72.63% and 74.41%) run only on data the user supplies. */
  @Test
  void seed002_cifarRows_runOnlyWithSuppliedData_andTheQuickSizesWinOverTheirs() {
    ExperimentPreset p = Presets.load("seed002");
    PresetRow cifar = p.rows().get(6);
    assertEquals("cifar10", p.datasetOf(cifar));
    assertEquals(List.of(0.7263, 0.7441), cifar.published());
    assertEquals(10, p.withSuppliedData(Set.of("cifar10")).rows().size());
    ExperimentPreset without = p.withSuppliedData(Set.of());
    assertEquals(8, without.rows().size());
    assertTrue(without.rows().stream().noneMatch(r -> without.datasetOf(r).equals("cifar10")));
    assertTrue(without.notes().get(without.notes().size() - 1).contains("ICGC-DP, CIFAR-10 (--data cifar10=PATH)"),
        without.notes().toString());
    assertEquals(without, without.withSuppliedData(Set.of()), "leaving out twice changes nothing");
    assertThrows(InvalidInputException.class, () -> p.withSuppliedData(Set.of("csv")), "no row trains on csv");

    ExperimentPreset q = p.quickVersion();
    PresetRow small = q.rows().get(6);
    CellSettings s = q.settings().with(small.settings(), "row");
    assertEquals("cifar10", s.dataset());
    assertEquals("cnn-cifar", s.model());
    assertEquals(400, s.members(), "the quick size, not the row's 50,000");
    assertEquals(50000, p.settings().with(cifar.settings(), "row").members());
  }

  @Test
  void suppliedDataPath_reachesOnlyTheRowsOnThatDataset() {
    ExperimentPreset p = Presets.load("seed002");
    var req = new ExperimentRunner.Request(p, java.nio.file.Path.of("runs"),
        org.dpaudit.trainers.engine.DeviceChoice.CPU, 1L, false, Map.of("cifar10", java.nio.file.Path.of("/data/c")));
    PresetRow cifar = p.rows().get(6);
    TrainingConfig c = req.withDataPath(p.settings().with(cifar.settings(), "row").config(cifar.scheme(),
        cifar.options(), 2.0, null));
    assertEquals("/data/c", c.data().path());
    PresetRow mnist = p.rows().get(0);
    assertNull(req.withDataPath(p.settings().with(mnist.settings(), "row").config(mnist.scheme(), mnist.options(),
        2.0, null)).data().path());
    assertEquals(10, req.preset().rows().size());
    assertEquals(8, new ExperimentRunner.Request(p, java.nio.file.Path.of("runs"),
        org.dpaudit.trainers.engine.DeviceChoice.CPU, 1L, false).preset().rows().size());
  }

  /** Seed 003, Section IV.B and Fig. 6: (sigma, epsilon, delta) = (8, 2, 1e-5), (4, 2, 1e-5), (2, 8, 1e-5). */
  @Test
  void seed003_fixesSigmaPerColumn_andHoldsThePapersNumbers() {
    ExperimentPreset p = Presets.load("seed003");
    assertEquals(List.of(2.0, 2.0, 8.0), p.epsilons());
    assertEquals(List.of(8.0, 4.0, 2.0), p.noiseMultipliers());
    assertEquals(List.of(0.938, 0.942, 0.968), p.rows().get(1).published());
    assertEquals(List.of(0.968, 0.968, 0.968), p.rows().get(0).published(), "non-private: 96.8%");
    assertEquals(Map.of("workers", "4", "noise-draw", "summed"), p.rows().get(1).options(),
        "formula 6's per-example noises drawn as their sum: the same law, a few hundredths of the cost");
    TrainingConfig c = p.settings().config("collab-dp", Map.of(), 2.0, p.noiseMultiplierAt(1));
    assertEquals(4.0, c.privacy().noiseMultiplier());
    assertNull(c.privacy().targetEpsilon(), "the epsilon only labels the column");
    assertEquals(4.0, c.privacy().clipNorm());
    assertEquals("pca60-mlp1000", c.model());
    assertEquals(List.of("sigma-8", "sigma-4", "sigma-2"), List.of(p.columnDirectory(0), p.columnDirectory(1),
        p.columnDirectory(2)));
    assertNull(p.settings().config("nonprivate", Map.of(), 2.0, 8.0).privacy().noiseMultiplier());
    ExperimentPreset q = p.quickVersion();
    assertEquals(List.of(8.0), q.noiseMultipliers(), "quick keeps each column's sigma");
  }

  @Test
  void seed004_matchesBudgetsAcrossDpSgdAndNeuralDp() {
    ExperimentPreset p = Presets.load("seed004");
    assertEquals(List.of("dpsgd", "neuraldp", "neuraldp-corrected", "nonprivate"),
        p.rows().stream().map(PresetRow::scheme).toList());
    assertNull(p.noiseMultipliers());
    ExperimentPreset tune = Presets.load("tune-mnist-mlp");
    assertEquals(tune.settings().members(), p.settings().members(), "the validation images are outside the members");
    assertEquals(tune.settings().splitSeed(), p.settings().splitSeed());
    assertEquals("eps-3", p.columnDirectory(2));
    assertEquals(List.of(0.1, 1.0, 3.0, 8.0), p.epsilons());
  }

  @Test
  void seed003_hasTheAbadiReadingRow_inItsOwnDirectory_andRowsMayNotShareOne() {
    ExperimentPreset p = Presets.load("seed003");
    PresetRow abadi = p.rows().stream().filter(r -> r.directory().equals("collab-dp-abadi")).findFirst().orElseThrow();
    assertEquals("collab-dp-corrected", abadi.scheme());
    assertEquals(Map.of("workers", "1"), abadi.options(), "one noise on the whole sum");
    PresetRow twin = new PresetRow("again", abadi.scheme(), Map.of("workers", "2"), null);
    List<PresetRow> rows = new java.util.ArrayList<>(p.rows());
    rows.add(twin);
    rows.add(new PresetRow("and again", abadi.scheme(), Map.of("workers", "3"), null));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> new ExperimentPreset(1,
        "experiment-preset", "x", "t", "s", null, p.settings(), p.epsilons(), rows, null, p.noiseMultipliers()));
    assertTrue(e.getMessage().contains("share the directory collab-dp-corrected"), e.getMessage());
  }

  @Test
  void noiseMultipliers_mustAlignWithTheEpsilons_andRowSettingsMustFit() {
    ExperimentPreset p = Presets.load("seed003");
    assertThrows(InvalidInputException.class, () -> new ExperimentPreset(1, "experiment-preset", "x", "t", "s", null,
        p.settings(), List.of(1.0, 2.0), p.rows(), null, List.of(1.0)));
    assertThrows(InvalidInputException.class, () -> p.settings().with(Map.of("datset", "mnist"), "row x's settings"));
  }

  @Test
  void markdown_showsSigmaColumnsAndTheFusedPredictor() {
    ExperimentPreset p = Presets.load("seed003");
    TableCell a = new TableCell(2, "x/sigma-8", 0.5, 0.938, 0.11, Double.POSITIVE_INFINITY, "RDP", 12, 0.51);
    TableRow row = new TableRow("collab-dp", "collab-dp", Map.of(), "basis", List.of(), List.of(a),
        Map.of("dataset", "mnist"));
    ExperimentTable t = new ExperimentTable(1, "experiment-table", Provenance.of("experiment", Map.of(), List.of(),
        EnvironmentInfo.current(), null, Instant.now()), "p", "title", "source", List.of(), p.settings(), List.of(2.0),
        List.of(row), 10, List.of(8.0));
    String md = MarkdownTable.render(t);
    assertTrue(md.contains("| scheme | sigma = 8, eps = 2 |"), md);
    assertTrue(md.contains("| collab-dp | 50.00% (fused 51.00%) / 93.80% |"), md);
    assertTrue(md.contains("settings {dataset=mnist}"), md);
  }
}
