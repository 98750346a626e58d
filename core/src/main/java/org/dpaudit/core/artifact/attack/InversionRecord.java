package org.dpaudit.core.artifact.attack;

import java.util.List;
import org.dpaudit.core.provenance.Artifact;
import org.dpaudit.core.provenance.ArtifactRef;
import org.dpaudit.core.provenance.Provenance;

/**
 * {@code runs/<name>/attacks/inversion.json}: how close the model-inversion reconstructions came to
 * the training data, per class and on average.
 *
 * @param whiteBox whether gradients came from the model (true) or were estimated from queries
 * @param queries model queries used (inputs evaluated)
 * @param meanMse mean squared error to the members' class means, averaged over classes
 * @param meanSsim SSIM to the members' class means, averaged over classes
 * @param evaluatorAccuracy the fraction of reconstructions an independent classifier (trained on
 *     the attacker pool, never on members) assigns to the intended class
 * @param evaluatorTestAccuracy that classifier's own test accuracy, for context
 */
public record InversionRecord(
    int schemaVersion,
    String kind,
    String attack,
    String target,
    Provenance provenance,
    boolean whiteBox,
    long queries,
    double meanMse,
    double meanSsim,
    double evaluatorAccuracy,
    double evaluatorTestAccuracy,
    List<ClassResult> classes) implements Artifact {
  /** The layout version: 2 writes enums as on the command line ({@code ArtifactSchema}). */
  public static final int SCHEMA_VERSION = 2;

  public InversionRecord {
    classes = List.copyOf(classes);
  }

  /**
   * One class's reconstruction.
   *
   * @param targetProbability the target model's probability of the class for the reconstruction
   * @param evaluatorPrediction the class the independent classifier assigns to it
   * @param image the reconstruction (PNG)
   * @param classMean the members' mean image of this class (PNG)
   */
  public record ClassResult(
      int label, String name, double targetProbability, double mse, double ssim, int evaluatorPrediction,
      ArtifactRef image, ArtifactRef classMean) {}
}
