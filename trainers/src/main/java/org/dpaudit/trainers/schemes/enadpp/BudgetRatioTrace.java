package org.dpaudit.trainers.schemes.enadpp;

import java.util.List;
import org.dpaudit.core.Checks;

/**
 * {@code budget-ratios.json}: the per-neuron relevance and budget ratios a relevance-based run
 * (EnADPP, ADPPL and their variants) used in its output layer, at its first and last step, so
 * seed 000's Figure 1 can be drawn from a real run instead of illustrative values. It is a
 * statistic of the training, not part of the model's release: for the as-published variants the
 * relevance comes from the private batch without noise.
 *
 * @param scheme the scheme that ran
 * @param layer which dense layer (0-based; the last: the output layer, one neuron per class)
 * @param snapshots the steps recorded, in step order
 * @param privateStatistic what the values are, privacy-wise
 */
public record BudgetRatioTrace(int schemaVersion, String kind, String scheme, int layer, List<Snapshot> snapshots,
    String privateStatistic) {
  /** The file, in the run directory. */
  public static final String FILE = "budget-ratios.json";
  /** The artifact kind. */
  public static final String KIND = "budget-ratios";
  public static final int SCHEMA_VERSION = 1;

  public BudgetRatioTrace {
    Checks.check(KIND.equals(kind), "budget-ratios.json kind must be " + KIND + "; got " + kind);
    Checks.check(schemaVersion == SCHEMA_VERSION, "budget-ratios.json schemaVersion must be " + SCHEMA_VERSION
        + "; got " + schemaVersion);
    snapshots = List.copyOf(snapshots);
  }

  /**
   * One step's values for the layer's neurons.
   *
   * @param step the step (0-based, of the whole run)
   * @param relevance each neuron's relevance (mean absolute LRP relevance), as the ratios were made from
   * @param ratios each neuron's budget ratio alpha_q as the step used it (after the run's ablations)
   */
  public record Snapshot(long step, List<Double> relevance, List<Double> ratios) {
    public Snapshot {
      relevance = List.copyOf(relevance);
      ratios = List.copyOf(ratios);
      Checks.check(relevance.size() == ratios.size(), "a snapshot needs one relevance per ratio");
    }
  }
}
