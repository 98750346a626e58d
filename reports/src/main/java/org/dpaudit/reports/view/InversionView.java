package org.dpaudit.reports.view;

import java.util.List;

/**
 * The model-inversion attack on a report: per class, the reconstruction next to the members' mean
 * image, with how close they are.
 *
 * @param mode {@code white-box} or {@code black-box}
 * @param evaluatorAccuracy how many reconstructions an independent classifier recognises
 * @param classes one entry per class
 */
public record InversionView(
    String mode,
    String queries,
    String meanMse,
    String meanSsim,
    String evaluatorAccuracy,
    String evaluatorTestAccuracy,
    List<ClassImage> classes) {

  /**
   * One class.
   *
   * @param image the reconstruction as a {@code data:image/png;base64,...} URI, or null if missing
   * @param mean the members' class mean as a data URI, or null
   * @param recognised whether the independent classifier assigns the reconstruction to this class
   * @param warning a problem with the image files (missing, changed since the attack), or null
   */
  public record ClassImage(
      String label,
      String name,
      String image,
      String mean,
      String mse,
      String ssim,
      String targetProbability,
      String evaluatorPrediction,
      boolean recognised,
      String warning) {}
}
