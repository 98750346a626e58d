package org.dpaudit.core.artifact.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.dpaudit.core.Checks;
import org.dpaudit.core.provenance.Artifact;
import org.dpaudit.core.provenance.Provenance;

/**
 * {@code runs/<name>/audit.json}: the three epsilons side by side and the verdict (DESIGN §1, §8).
 * Epsilons are in nats at {@code delta}; an infinite epsilon (no privacy) is written as {@code
 * "Infinity"}.
 *
 * @param run the run's name
 * @param scheme the training scheme ({@code dpsgd}, {@code nonprivate}, ...)
 * @param claimedEpsilon what the scheme's paper claims for this run
 * @param accountantEpsilon what the accountant proves (an upper bound; infinite when it proves
 *     nothing for what ran)
 * @param accountantNote why the accountant proves nothing for what ran, or null when it proves the
 *     epsilon above
 * @param delta the delta all three are stated at
 * @param testAccuracy the model's test accuracy (a fraction), copied from run.json for the gate; null
 *     when the run records none
 * @param empiricalEpsilon the lower bound with its confidence, method and every bound it came from
 * @param attacks the metrics of each attack bounded, by attack name
 * @param canaries the black-box canary audit, or null when the run has none
 * @param whiteBox the white-box canary audit, or null when the run has none
 * @param verdict what the three epsilons say together
 * @param leaks whether the empirical lower bound is above 0
 * @param reason one sentence on why
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditRecord(
    int schemaVersion,
    String kind,
    String run,
    Provenance provenance,
    String scheme,
    double claimedEpsilon,
    double accountantEpsilon,
    String accountantNote,
    double delta,
    Double testAccuracy,
    EmpiricalEpsilon empiricalEpsilon,
    Map<String, AttackSummary> attacks,
    CanarySummary canaries,
    WhiteBoxSummary whiteBox,
    Verdict verdict,
    boolean leaks,
    String reason) implements Artifact {
  /** The layout version of audit.json: 3 writes enums as on the command line ({@code ArtifactSchema}). */
  public static final int SCHEMA_VERSION = 3;
  /** The oldest version read: version 1's verdicts came from withdrawn rules. */
  public static final int OLDEST_SCHEMA_VERSION = 2;
  /** The artifact kind. */
  public static final String KIND = "audit";

  public AuditRecord {
    Checks.check(schemaVersion >= OLDEST_SCHEMA_VERSION && schemaVersion <= SCHEMA_VERSION, "audit.json "
        + "schemaVersion must be in [" + OLDEST_SCHEMA_VERSION + ", " + SCHEMA_VERSION + "]; got " + schemaVersion
        + (schemaVersion < OLDEST_SCHEMA_VERSION ? " (written by an older dpaudit: run 'dpaudit audit --run' again)"
            : " (written by a newer dpaudit)"));
    Checks.check(KIND.equals(kind), "audit.json kind must be '" + KIND + "'; got " + kind);
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(provenance, "provenance");
    Checks.nonNegativeOrInfinite("claimedEpsilon", claimedEpsilon);
    Checks.nonNegativeOrInfinite("accountantEpsilon", accountantEpsilon);
    Checks.zeroToOneExclusive("delta", delta);
    if (testAccuracy != null) {
      Checks.probability("testAccuracy", testAccuracy);
    }
    Objects.requireNonNull(empiricalEpsilon, "empiricalEpsilon");
    attacks = Collections.unmodifiableMap(new TreeMap<>(attacks));
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
  }
}
