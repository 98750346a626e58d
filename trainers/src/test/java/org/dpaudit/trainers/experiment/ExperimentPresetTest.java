package org.dpaudit.trainers.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.dpaudit.core.DpauditException;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.trainers.loop.TrainingConfig;
import org.dpaudit.trainers.schemes.Schemes;
import org.junit.jupiter.api.Test;

/** Presets are data: the shipped ones load and are complete, and their published numbers are the paper's. */
class ExperimentPresetTest {
  @Test
  void everyShippedPreset_loads_andNamesOnlyKnownSchemes() {
    assertTrue(Presets.names().contains("seed000-table1"));
    for (String name : Presets.names()) {
      ExperimentPreset p = Presets.load(name);
      assertEquals(name, p.name());
      for (PresetRow r : p.rows()) {
        assertTrue(Schemes.NAMES.contains(r.scheme()), r.scheme());
      }
      assertTrue(p.quickVersion().cells() <= p.cells());
    }
  }

  /**
   * Seed 000, Table 1, copied by hand from shared/seeds/000_37072fc0619f1083.txt (rows pSGD, APPDL,
   * ADPPL, EnADPP; columns epsilon 0.2, 0.4, 0.8, 1, 2, 4, 8), as fractions.
   */
  @Test
  void seed000Table1_holdsThePapersNumbers() {
    ExperimentPreset p = Presets.load("seed000-table1");
    assertEquals(List.of(0.2, 0.4, 0.8, 1.0, 2.0, 4.0, 8.0), p.epsilons());
    assertEquals(List.of("psgd", "appdl", "adppl", "enadpp", "enadpp-corrected", "nonprivate"),
        p.rows().stream().map(PresetRow::scheme).toList());
    assertEquals(List.of(0.6233, 0.7091, 0.7351, 0.7579, 0.8368, 0.8908, 0.9166), p.rows().get(0).published());
    assertEquals(List.of(0.9152, 0.9189, 0.9206, 0.9229, 0.9277, 0.9309, 0.9312), p.rows().get(1).published());
    assertEquals(List.of(0.8410, 0.8614, 0.8812, 0.9011, 0.9222, 0.9306, 0.9324), p.rows().get(2).published());
    assertEquals(List.of(0.9303, 0.9404, 0.9421, 0.9495, 0.9516, 0.9568, 0.9589), p.rows().get(3).published());
    assertNull(p.rows().get(4).published(), "the corrected variant is ours: no published number");
    assertEquals(java.util.Collections.nCopies(7, 0.976), p.rows().get(5).published(), "Table 3's non-private 97.60%");
    assertEquals("mlp", p.settings().model());
    assertTrue(p.source().contains("Table 1"));
  }

  @Test
  void withEpsilons_keepsOnlyThoseColumns_withTheirPublishedNumbers_andSaysItIsReduced() {
    ExperimentPreset p = Presets.load("seed000-table1");
    ExperimentPreset r = p.withEpsilons(List.of(8.0, 0.2));
    assertEquals(List.of(0.2, 8.0), r.epsilons());
    assertEquals(List.of(0.6233, 0.9166), r.rows().get(0).published());
    assertNull(r.rows().get(4).published());
    assertTrue(r.notes().get(0).startsWith("REDUCED grid"), r.notes().get(0));
    assertEquals(p, p.withEpsilons(p.epsilons()), "every column: the preset itself");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> p.withEpsilons(List.of(3.0)));
    assertTrue(e.getMessage().contains("epsilon 3 is not one of preset seed000-table1's"), e.getMessage());
  }

  @Test
  void withEpsilons_refusesAnEpsilonThatLabelsSeveralColumns_andWithColumnsSelectsThemByName() {
    ExperimentPreset p = Presets.load("seed003");
    assertEquals(List.of("sigma-8", "sigma-4", "sigma-2"), p.columnDirectories());
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> p.withEpsilons(List.of(2.0)));
    assertEquals("--epsilons 2 labels 2 columns of preset seed003 (sigma-8, sigma-4); name the ones to run with "
        + "--columns", e.getMessage());
    ExperimentPreset eight = p.withEpsilons(List.of(8.0));
    assertEquals(List.of(2.0), eight.noiseMultipliers(), "a unique epsilon still selects its column");
    ExperimentPreset four = p.withColumns(List.of("sigma-4"));
    assertEquals(List.of(2.0), four.epsilons());
    assertEquals(List.of(4.0), four.noiseMultipliers(), "the sigma-4 column, not the first epsilon-2 column");
    assertEquals(p.rows().get(0).publishedAt(1), four.rows().get(0).publishedAt(0));
    assertTrue(four.notes().get(0).startsWith("REDUCED grid: only the columns [sigma=4 (paper's eps=2)]"),
        four.notes().get(0));
    ExperimentPreset both = p.withColumns(List.of("sigma-2", "sigma-8"));
    assertEquals(List.of(8.0, 2.0), both.noiseMultipliers(), "in preset order");
    InvalidInputException bad = assertThrows(InvalidInputException.class, () -> p.withColumns(List.of("eps-2")));
    assertTrue(bad.getMessage().contains("has no column eps-2; its columns are [sigma-8, sigma-4, sigma-2]"),
        bad.getMessage());
    assertEquals(List.of("eps-0.2", "eps-8"), Presets.load("seed000-table1").withColumns(List.of("eps-8", "eps-0.2"))
        .columnDirectories());
  }

  @Test
  void columnLabel_saysTheSigmaAndThePapersEpsilon_forFixedSigmaColumns() {
    assertEquals("eps=0.2", Presets.load("seed000-table1").columnLabel(0));
    assertEquals("sigma=8 (paper's eps=2)", Presets.load("seed003").columnLabel(0));
    ExperimentPreset fig4 = Presets.load("seed003-fig4");
    assertTrue(fig4.columnLabel(0).matches("sigma=\\d+ until eps=2"), fig4.columnLabel(0));
  }

  @Test
  void withRows_keepsOnlyThoseRows_namedByTheirDirectory() {
    ExperimentPreset p = Presets.load("seed000-table1");
    ExperimentPreset r = p.withRows(List.of("enadpp", "adppl"));
    assertEquals(List.of("adppl", "enadpp"), r.rows().stream().map(PresetRow::scheme).toList(), "in preset order");
    assertTrue(r.notes().get(0).startsWith("REDUCED grid: only the rows [ADPPL, EnADPP]"), r.notes().get(0));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> p.withRows(List.of("dpsgd")));
    assertTrue(e.getMessage().contains("has no row dpsgd"), e.getMessage());
  }

  @Test
  void cellConfig_givesTheEpsilonAsTheTarget_andTheOptionsToTheScheme() {
    ExperimentPreset p = Presets.load("seed000-table1");
    TrainingConfig c = p.settings().config("enadpp", Map.of("clip-l1", "100"), 0.4);
    assertEquals(0.4, c.privacy().targetEpsilon());
    assertNull(c.privacy().noiseMultiplier());
    assertEquals(Map.of("clip-l1", "100"), c.privacy().schemeOptions());
    assertNull(p.settings().config("nonprivate", Map.of(), 0.4).privacy().targetEpsilon());
  }

  @Test
  void quickVersion_shrinksSettings_keepsEveryRow_andAlignsThePublishedNumbers() {
    ExperimentPreset p = Presets.load("seed000-table1");
    ExperimentPreset q = p.quickVersion();
    assertEquals("seed000-table1-quick", q.name());
    assertEquals(List.of(0.2, 8.0), q.epsilons());
    assertEquals(p.rows().size(), q.rows().size());
    assertEquals(List.of(0.9303, 0.9589), q.rows().get(3).published());
    assertEquals(1, q.settings().epochs());
    assertEquals(p.settings().model(), q.settings().model(), "what quick does not override stays");
    assertTrue(q.notes().get(0).startsWith("QUICK"));
  }

  @Test
  void malformedPresets_areRefusedWithAMessage() {
    ExperimentPreset p = Presets.load("seed000-table1");
    assertThrows(InvalidInputException.class, () -> new ExperimentPreset(1, "experiment-preset", "x", "t", "s", null,
        p.settings(), List.of(1.0, 2.0), List.of(new PresetRow("A", "psgd", Map.of(), List.of(0.5))), null));
    assertThrows(InvalidInputException.class, () -> new ExperimentPreset(1, "experiment-preset", "Bad Name", "t", "s",
        null, p.settings(), List.of(1.0), p.rows().subList(0, 1), null));
    assertThrows(InvalidInputException.class, () -> new ExperimentPreset(1, "experiment-preset", "x", "t", "s", null,
        p.settings(), List.of(1.0), p.rows().subList(0, 1), new QuickVariant(Map.of("epoch", 1), List.of(1.0)))
        .quickVersion());
    assertThrows(DpauditException.class, () -> ExperimentPreset.parse("{\"schemaVersion\": 1}", "test"));
    assertThrows(InvalidInputException.class, () -> Presets.load("no-such-preset"));
  }
}
