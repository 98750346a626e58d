package org.dpaudit.core.artifact.attack;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.dpaudit.core.provenance.Artifact;
import org.dpaudit.core.provenance.ArtifactRef;
import org.dpaudit.core.provenance.Provenance;

/**
 * {@code runs/<name>/attacks/<attack>.json}: how well one membership attack did, with the file of
 * per-example scores it came from.
 *
 * @param attack the attack's name ({@code loss}, {@code shadow}, {@code lira}, {@code rmia})
 * @param auc area under the ROC curve
 * @param aucInterval its 95% interval [lower, upper]
 * @param balancedAccuracy the best balanced accuracy over thresholds
 * @param tprAtFpr TPR at FPR, keyed by the FPR ({@code "0.001"}, {@code "0.01"}, ...)
 * @param details attack-specific settings and statistics (shadows, variant, ...)
 * @param variants metrics of every variant (LiRA's online / offline / fixed variance), or null
 * @param scores the per-example scores file ({@code attacks/<attack>-scores.csv})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttackRecord(
    int schemaVersion,
    String kind,
    String attack,
    String target,
    Provenance provenance,
    double auc,
    List<Double> aucInterval,
    double balancedAccuracy,
    Map<String, TprAtFpr> tprAtFpr,
    int members,
    int nonMembers,
    RocCurve roc,
    Map<String, Object> details,
    Map<String, AttackMetrics> variants,
    ArtifactRef scores) implements Artifact {
  /** The layout version: 2 writes enums as on the command line ({@code ArtifactSchema}). */
  public static final int SCHEMA_VERSION = 2;
  /** The artifact kind (of model inversion's record too). */
  public static final String KIND = "attack";

  /** A record from computed metrics. */
  public static AttackRecord of(String attack, String target, Provenance provenance, AttackMetrics m,
      Map<String, Object> details, Map<String, AttackMetrics> variants, ArtifactRef scores) {
    return new AttackRecord(SCHEMA_VERSION, KIND, attack, target, provenance, m.auc(),
        List.of(m.aucLower(), m.aucUpper()), m.balancedAccuracy(), m.tprAtFpr(), m.members(), m.nonMembers(), m.roc(),
        details, variants, scores);
  }
}
