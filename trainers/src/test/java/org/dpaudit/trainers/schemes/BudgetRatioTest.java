package org.dpaudit.trainers.schemes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.dpaudit.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.dpaudit.trainers.schemes.enadpp.BudgetRatio;

/** The per-neuron budget ratios of EnADPP (seed 000, eqs. 2-5) and ADPPL, against hand computation. */
class BudgetRatioTest {
  /**
   * Relevance (1, 2, 3, 4): p = (0.1, 0.2, 0.3, 0.4); -p ln p = (0.230259, 0.321888, 0.361192,
   * 0.366516); En = 1.279854; Ga = En - p ln p; normalised (Ga - 0.230259 - En) / 0.136257 = (0,
   * 0.672469, 0.960924, 1). Computed with Python's math module:
   * {@code h=[-x*math.log(x) for x in p]; ga=[sum(h)+x for x in h]; [(g-min(ga))/(max(ga)-min(ga)) for g in ga]}.
   */
  @Test
  void entropyGain_matchesTheHandComputedExample() {
    double[] alpha = BudgetRatio.ENTROPY_GAIN.ratios(new double[] {1, 2, 3, 4});
    assertArrayEquals(new double[] {0.0, 0.6724685435739957, 0.9609236895166061, 1.0}, alpha, 1e-12);
  }

  @Test
  void entropyGain_isScaleFree_andTheBaseOfTheLogarithmCancels() {
    assertArrayEquals(BudgetRatio.ENTROPY_GAIN.ratios(new double[] {1, 2, 3, 4}),
        BudgetRatio.ENTROPY_GAIN.ratios(new double[] {0.5, 1, 1.5, 2}), 1e-12);
  }

  /**
   * -p ln p peaks at p = 1/e, so a neuron holding most of its layer's relevance gets the smallest
   * budget: relevance (1, 9) gives ratios (1, 0). A property of eq. (3) as written, kept as is.
   */
  @Test
  void entropyGain_isNotMonotoneInRelevance() {
    assertArrayEquals(new double[] {1, 0}, BudgetRatio.ENTROPY_GAIN.ratios(new double[] {1, 9}), 1e-12);
  }

  @Test
  void entropyGain_withEqualOrNoRelevance_givesEveryNeuronRatioOne() {
    assertArrayEquals(new double[] {1, 1, 1}, BudgetRatio.ENTROPY_GAIN.ratios(new double[] {2, 2, 2}), 0);
    assertArrayEquals(new double[] {1, 1}, BudgetRatio.ENTROPY_GAIN.ratios(new double[] {0, 0}), 0);
    assertArrayEquals(new double[] {1}, BudgetRatio.ENTROPY_GAIN.ratios(new double[] {5}), 0);
  }

  @Test
  void entropyGain_zeroRelevanceCountsAsZeroEntropy() {
    // p = (0, 0.5, 0.5): -p ln p = (0, 0.3466, 0.3466) -> (0, 1, 1)
    assertArrayEquals(new double[] {0, 1, 1}, BudgetRatio.ENTROPY_GAIN.ratios(new double[] {0, 1, 1}), 1e-12);
  }

  @Test
  void relevanceShare_isEachNeuronsShareOfItsLayer() {
    assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4}, BudgetRatio.RELEVANCE_SHARE.ratios(new double[] {1, 2, 3, 4}),
        1e-15);
    assertArrayEquals(new double[] {0.5, 0.5}, BudgetRatio.RELEVANCE_SHARE.ratios(new double[] {0, 0}), 0);
  }

  @Test
  void negativeOrNonFiniteRelevance_isRefused() {
    for (double bad : new double[] {-1e-12, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThrows(InvalidInputException.class, () -> BudgetRatio.ENTROPY_GAIN.ratios(new double[] {1, bad}));
    }
    assertThrows(InvalidInputException.class, () -> BudgetRatio.RELEVANCE_SHARE.ratios(new double[0]));
  }
}
