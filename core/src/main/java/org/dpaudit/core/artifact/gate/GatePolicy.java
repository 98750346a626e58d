package org.dpaudit.core.artifact.gate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.Checks;
import org.dpaudit.core.DpauditException;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.io.InputFiles;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.io.JsonErrors;

/**
 * A privacy policy for {@code dpaudit gate} (DESIGN §9), read from JSON; unknown fields are
 * rejected, so a misspelt limit is an error rather than a limit silently not applied.
 *
 * <pre>
 * {
 *   "schemaVersion": 1,
 *   "description": "MNIST model, release candidate",
 *   "accountantEpsilon": {"max": 3.0, "maxIncrease": 0.5},
 *   "empiricalEpsilon": {"max": 1.0},
 *   "auc": [{"max": 0.6}, {"attack": "lira", "max": 0.55, "maxIncrease": 0.02}],
 *   "tprAtFpr": [{"fpr": 0.001, "max": 0.01}, {"fpr": 0.01, "attack": "loss", "max": 0.05}],
 *   "testAccuracy": {"min": 0.6, "maxDecrease": 0.02},
 *   "failOnClaimViolated": true,
 *   "failOnClaimUnproven": true,
 *   "failOnInconclusive": false,
 *   "failOnLeaks": true
 * }
 * </pre>
 *
 * Every limit is optional. An {@code accountant-violated} verdict always fails the gate;
 * {@code claim-violated} fails unless {@code failOnClaimViolated} is false; {@code claim-unproven}
 * (a claim the accountant does not prove) fails unless {@code failOnClaimUnproven} is false;
 * {@code inconclusive} fails only if {@code failOnInconclusive} is true. A model that measurably
 * leaks with no finite privacy claim (the report's red "Leaks training data" headline, {@code
 * Standing}) fails unless {@code failOnLeaks} is false, whatever its formal verdict: a non-private
 * model is "consistent" with claiming nothing, which is not a release a privacy gate should pass. An accountant epsilon rule
 * fails on a run the accountant proves nothing for (infinity), with the reason. Rates are fractions, epsilons nats; the
 * {@code maxIncrease}/{@code maxDecrease} limits compare with the run given as {@code --baseline}.
 *
 * @param schemaVersion the policy layout version; 1 (the only one), may be left out
 * @param description a line shown on the gate's screen
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatePolicy(
    Integer schemaVersion,
    String description,
    Limit accountantEpsilon,
    Limit empiricalEpsilon,
    List<AttackLimit> auc,
    List<TprLimit> tprAtFpr,
    AccuracyLimit testAccuracy,
    Boolean failOnClaimViolated,
    Boolean failOnInconclusive,
    Boolean failOnClaimUnproven,
    Boolean failOnLeaks) {
  /** The policy layout version. */
  public static final int SCHEMA_VERSION = 1;

  /** A policy without the claim-unproven switch (it then fails on an unproven claim). */
  public GatePolicy(Integer schemaVersion, String description, Limit accountantEpsilon, Limit empiricalEpsilon,
      List<AttackLimit> auc, List<TprLimit> tprAtFpr, AccuracyLimit testAccuracy, Boolean failOnClaimViolated,
      Boolean failOnInconclusive) {
    this(schemaVersion, description, accountantEpsilon, empiricalEpsilon, auc, tprAtFpr, testAccuracy,
        failOnClaimViolated, failOnInconclusive, null, null);
  }

  /** A policy without the leaks switch (it then fails on a leaking model without a claim). */
  public GatePolicy(Integer schemaVersion, String description, Limit accountantEpsilon, Limit empiricalEpsilon,
      List<AttackLimit> auc, List<TprLimit> tprAtFpr, AccuracyLimit testAccuracy, Boolean failOnClaimViolated,
      Boolean failOnInconclusive, Boolean failOnClaimUnproven) {
    this(schemaVersion, description, accountantEpsilon, empiricalEpsilon, auc, tprAtFpr, testAccuracy,
        failOnClaimViolated, failOnInconclusive, failOnClaimUnproven, null);
  }

  public GatePolicy {
    Checks.check(schemaVersion == null || schemaVersion == SCHEMA_VERSION,
        "schemaVersion must be " + SCHEMA_VERSION + "; got " + schemaVersion);
    auc = auc == null ? List.of() : List.copyOf(auc);
    tprAtFpr = tprAtFpr == null ? List.of() : List.copyOf(tprAtFpr);
    epsilonLimit("accountantEpsilon", accountantEpsilon);
    epsilonLimit("empiricalEpsilon", empiricalEpsilon);
    for (int i = 0; i < auc.size(); i++) {
      AttackLimit a = Checks.notNull("auc[" + i + "]", auc.get(i));
      rateLimit("auc[" + i + "]", a.max(), a.maxIncrease(), "max", "maxIncrease");
    }
    for (int i = 0; i < tprAtFpr.size(); i++) {
      TprLimit t = Checks.notNull("tprAtFpr[" + i + "]", tprAtFpr.get(i));
      Checks.openUnit("tprAtFpr[" + i + "].fpr", Checks.notNull("tprAtFpr[" + i + "].fpr", t.fpr()));
      rateLimit("tprAtFpr[" + i + "]", t.max(), t.maxIncrease(), "max", "maxIncrease");
    }
    if (testAccuracy != null) {
      rateLimit("testAccuracy", testAccuracy.min(), testAccuracy.maxDecrease(), "min", "maxDecrease");
    }
  }

  /** Whether a {@code claim-violated} verdict fails the gate (default: yes). */
  public boolean failsOnClaimViolated() {
    return failOnClaimViolated == null || failOnClaimViolated;
  }

  /** Whether a claim the accountant does not prove fails the gate (default: yes). */
  public boolean failsOnClaimUnproven() {
    return failOnClaimUnproven == null || failOnClaimUnproven;
  }

  /** Whether an {@code inconclusive} verdict fails the gate (default: no). */
  public boolean failsOnInconclusive() {
    return failOnInconclusive != null && failOnInconclusive;
  }

  /**
   * Whether a model that measurably leaks without a finite privacy claim ({@code Standing.LEAKS})
   * fails the gate (default: yes).
   */
  public boolean failsOnLeaks() {
    return failOnLeaks == null || failOnLeaks;
  }

  /**
   * Reads a policy file. A missing file, malformed JSON, an unknown field or an invalid limit is a
   * one-line {@link DpauditException} naming the file.
   */
  public static GatePolicy read(Path file) {
    if (!Files.exists(file)) {
      throw new ArtifactException(file + ": no such policy file");
    }
    String text = InputFiles.readString(file, InputFiles.MAX_JSON_BYTES);
    try {
      GatePolicy p = Json.mapper().readValue(text, GatePolicy.class);
      if (p == null) {
        throw new InvalidInputException(file + ": the policy is empty");
      }
      return p;
    } catch (UnrecognizedPropertyException e) {
      String known = e.getKnownPropertyIds().stream().map(String::valueOf)
          .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining(", "));
      throw new InvalidInputException(file + ": unknown field '" + e.getPropertyName() + "' in "
          + location(e) + "; known fields there: " + known);
    } catch (ValueInstantiationException e) {
      if (e.getCause() instanceof DpauditException d) {
        throw new InvalidInputException(file + ": " + d.getMessage());
      }
      throw new InvalidInputException(file + ": not a valid policy: " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(file + ": not a valid policy: " + JsonErrors.describe(e));
    }
  }

  private static String location(UnrecognizedPropertyException e) {
    String path = e.getPath().stream().limit(Math.max(0, e.getPath().size() - 1))
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
    return path.isEmpty() ? "the policy" : path;
  }

  private static void epsilonLimit(String name, Limit l) {
    if (l == null) {
      return;
    }
    Checks.check(l.max() != null || l.maxIncrease() != null, name + " must give max or maxIncrease; got neither");
    if (l.max() != null) {
      Checks.nonNegative(name + ".max", l.max());
    }
    if (l.maxIncrease() != null) {
      Checks.nonNegative(name + ".maxIncrease", l.maxIncrease());
    }
  }

  private static void rateLimit(String name, Double limit, Double change, String limitName, String changeName) {
    Checks.check(limit != null || change != null, name + " must give " + limitName + " or " + changeName
        + "; got neither");
    if (limit != null) {
      Checks.probability(name + "." + limitName, limit);
    }
    if (change != null) {
      Checks.probability(name + "." + changeName, change);
    }
  }
}
