package org.dpaudit.trainers.schemes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.dpaudit.core.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Every seeds 002-004 scheme is registered by name, builds from --noise-multiplier or --epsilon, and claims something finite. */
class Seeds234SchemesTest {
  static final List<String> NAMES = List.of("icgc-dp", "icgc-dp-corrected", "collab-dp", "collab-dp-corrected",
      "neuraldp", "neuraldp-corrected");

  @Test
  void everySchemeIsRegistered_andBuildsWithEitherNoiseOrTarget() {
    assertTrue(Schemes.NAMES.containsAll(NAMES));
    for (String name : NAMES) {
      DpScheme bySigma = Seeds234Fixtures.scheme(name, null, 1.1, 1.0, Map.of(), 1000, 0.05, 100);
      assertEquals(name, bySigma.name());
      assertTrue(bySigma.claim().claimsPrivacy());
      assertEquals(1.1, bySigma.noiseMultiplier(), 0, name);
      assertTrue(bySigma.claim().epsilon() > 0 && bySigma.claim().epsilon() < Double.POSITIVE_INFINITY, name);
      DpScheme byTarget = Seeds234Fixtures.scheme(name, 3.0, null, 1.0, Map.of(), 1000, 0.05, 100);
      assertEquals(3.0, byTarget.claim().epsilon(), 0, name);
      // The same calibration for every scheme: DP-SGD's multiplier for (q, steps, epsilon, delta).
      assertEquals(Seeds234Fixtures.scheme("dpsgd", 3.0, null, 1.0, Map.of(), 1000, 0.05, 100).noiseMultiplier(),
          byTarget.noiseMultiplier(), 1e-9, name);
      assertThrows(InvalidInputException.class,
          () -> Seeds234Fixtures.scheme(name, null, null, 1.0, Map.of(), 1000, 0.05, 100), name + " without noise");
      assertThrows(InvalidInputException.class,
          () -> Seeds234Fixtures.scheme(name, null, 1.0, 1.0, Map.of("no-such-option", "1"), 1000, 0.05, 100));
    }
  }
}
