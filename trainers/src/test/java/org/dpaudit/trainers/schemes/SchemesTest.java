package org.dpaudit.trainers.schemes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.trainers.lrp.LrpRule;
import org.dpaudit.trainers.schemes.SchemeFixtures.Plan;
import org.junit.jupiter.api.Test;
import org.dpaudit.trainers.schemes.enadpp.RelevanceLaplace;
import org.dpaudit.trainers.schemes.enadpp.BudgetRatio;

/** Building schemes by name: options with defaults, and one-line refusals of what makes no sense. */
class SchemesTest {
  static final Plan PLAN = new Plan(1000, 100, 20, 0.1);

  static InvalidInputException refused(String name, Double eps, Double sigma, Map<String, String> opts) {
    return assertThrows(InvalidInputException.class, () -> SchemeFixtures.scheme(name, eps, sigma, opts, PLAN, 100));
  }

  @Test
  void everyNamedScheme_canBeBuilt() {
    for (String name : Schemes.NAMES) {
      boolean laplace = name.contains("adppl") || name.contains("enadpp");
      DpScheme s = "nonprivate".equals(name) ? SchemeFixtures.scheme(name, null, null, Map.of(), PLAN, 100)
          : SchemeFixtures.scheme(name, 1.0, null, Map.of(), PLAN, 100);
      assertEquals(name, s.name());
      assertTrue(laplace ? s.noiseMultiplier() == 0 : true);
    }
  }

  @Test
  void unknownOptions_areRefused_namingTheKnownOnes() {
    InvalidInputException e = refused("enadpp", 1.0, null, Map.of("clip", "3"));
    assertTrue(e.getMessage().contains("clip-l1") && e.getMessage().contains("lrp-rule"), e.getMessage());
    refused("psgd", 1.0, null, Map.of("decay", "exp"));
    refused("enadpp-corrected", 1.0, null, Map.of("lrp-rule", "zplus"));
  }

  @Test
  void badOptionValues_areRefused() {
    refused("enadpp", 1.0, null, Map.of("clip-l1", "-3"));
    refused("enadpp", 1.0, null, Map.of("clip-l1", "NaN"));
    refused("enadpp", 1.0, null, Map.of("lrp-rule", "alphabeta"));
    refused("appdl", 1.0, null, Map.of("decay", "cosine"));
    refused("appdl", 1.0, null, Map.of("decay-every", "0"));
  }

  @Test
  void laplaceSchemes_needAnEpsilon_notANoiseMultiplier() {
    assertTrue(refused("enadpp", null, 1.0, Map.of()).getMessage().contains("--epsilon"));
    refused("adppl-corrected", null, null, Map.of());
  }

  @Test
  void defaults_areThePapersWhereItGivesThem_andDocumentedOtherwise() {
    var s = (RelevanceLaplace) SchemeFixtures.scheme("enadpp", 1.0, null, Map.of(), PLAN, 100);
    assertEquals(RelevanceLaplace.DEFAULT_CLIP_L1, s.spec().clipNormL1());
    assertEquals(LrpRule.EPSILON, s.spec().lrpRule());
    assertEquals(0.01, s.spec().lrpStabiliser(), "Bach et al. 2015's stabiliser");
    assertEquals(BudgetRatio.ENTROPY_GAIN, s.spec().ratio());
    var a = (RelevanceLaplace) SchemeFixtures.scheme("adppl", 1.0, null, Map.of("lrp-rule", "zplus"), PLAN, 100);
    assertEquals(BudgetRatio.RELEVANCE_SHARE, a.spec().ratio());
    assertEquals(LrpRule.ZPLUS, a.spec().lrpRule());
    var c = (RelevanceLaplace) SchemeFixtures.scheme("enadpp-corrected", 1.0, null, Map.of(), PLAN, 100);
    assertEquals(LrpRule.WSQUARE, c.spec().lrpRule(), "the corrected variant never looks at private data");
    var p = (AppdlScheme) SchemeFixtures.scheme("appdl", null, 2.0, Map.of(), PLAN, 100);
    assertEquals(new NoiseSchedule(NoiseSchedule.Decay.EXP, 2.0, 0.1, 10), p.schedule(), "decay per epoch (10 steps)");
  }
}
