package org.dpaudit.audit.gate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.dpaudit.core.artifact.audit.AttackSummary;
import org.dpaudit.core.artifact.audit.AuditRecord;
import org.dpaudit.core.artifact.audit.Standing;
import org.dpaudit.core.artifact.audit.Verdict;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.artifact.gate.AccuracyLimit;
import org.dpaudit.core.artifact.gate.AttackLimit;
import org.dpaudit.core.artifact.gate.GatePolicy;
import org.dpaudit.core.artifact.gate.Limit;
import org.dpaudit.core.artifact.gate.RuleResult;
import org.dpaudit.core.artifact.gate.RuleStatus;
import org.dpaudit.core.artifact.gate.TprLimit;

/**
 * Evaluates a {@link GatePolicy} against a run's {@code audit.json} (and a baseline run's): one
 * {@link RuleResult} per rule, the verdict rule first. Pure: {@link GateRunner} reads the files
 * and writes the results.
 *
 * <p>Limits are inclusive ({@code value <= max} passes). Increases are {@code run - baseline}
 * (equal values, infinite ones included, are no increase); the accuracy rule looks at the
 * decrease {@code baseline - run}. A limit on "any attack" holds the largest value over the audit's
 * attacks to it, and its increase compares those largest values. A policy that asks for an attack
 * or an FPR the audit does not have is an input error, not a pass.
 */
public final class Gate {
  private Gate() {}

  /** The rules of {@code policy} on {@code run}, against {@code baseline} (null: baseline rules are skipped). */
  public static List<RuleResult> evaluate(GatePolicy policy, AuditRecord run, AuditRecord baseline) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(run, "run");
    List<RuleResult> out = new ArrayList<>();
    out.add(verdict(policy, run));
    epsilon(out, "accountant epsilon", policy.accountantEpsilon(), run, baseline, AuditRecord::accountantEpsilon);
    if (policy.accountantEpsilon() != null && run.accountantNote() != null) {
      // the rule fails on infinity; say why there is no proof
      String note = run.accountantNote();
      out.set(out.size() - 1, withDetail(out.get(out.size() - 1), note.startsWith("not proven") ? note
          : "not proven: " + note));
    }
    epsilon(out, "empirical epsilon", policy.empiricalEpsilon(), run, baseline, r -> r.empiricalEpsilon().lower());
    for (AttackLimit a : policy.auc()) {
      String name = "AUC (" + attackName(a.attack()) + ")";
      Metric m = r -> attackValue(r, a.attack(), s -> OptionalDouble.of(s.auc()), "AUC");
      upper(out, name, a.max(), a.maxIncrease(), run, baseline, m);
    }
    for (TprLimit t : policy.tprAtFpr()) {
      String name = "TPR at " + percent(t.fpr()) + " FPR (" + attackName(t.attack()) + ")";
      Metric m = r -> attackValue(r, t.attack(), s -> s.tprAt(t.fpr()), "TPR at " + percent(t.fpr()) + " FPR");
      upper(out, name, t.max(), t.maxIncrease(), run, baseline, m);
    }
    if (policy.testAccuracy() != null) {
      accuracy(out, policy.testAccuracy(), run, baseline);
    }
    return out;
  }

  /** Whether the gate passes: no rule failed. */
  public static boolean passed(List<RuleResult> rules) {
    return rules.stream().noneMatch(r -> r.status() == RuleStatus.FAIL);
  }

  /**
   * The verdict rule: the formal verdict's findings the policy fails on, and what the report's
   * headline ({@link Standing}) shows in red whatever the formal verdict: a model that measurably
   * leaks while claiming no finite epsilon ("consistent" with claiming nothing).
   */
  private static RuleResult verdict(GatePolicy policy, AuditRecord run) {
    Verdict v = run.verdict();
    boolean leaks = Standing.of(run) == Standing.LEAKS && policy.failsOnLeaks();
    boolean fails = v == Verdict.ACCOUNTANT_VIOLATED
        || v == Verdict.CLAIM_VIOLATED && policy.failsOnClaimViolated()
        || v == Verdict.CLAIM_UNPROVEN && policy.failsOnClaimUnproven()
        || v == Verdict.INCONCLUSIVE && policy.failsOnInconclusive();
    String lower = "empirical epsilon >= " + number(run.empiricalEpsilon().lower());
    // A failing verdict carries the audit's reason; a passing one only its name (audit.json has the rest).
    String detail = fails ? v.id() + ": " + run.reason()
        : leaks ? Standing.LEAKS.id() + ": " + lower + " with no finite claim (formal verdict: " + v.id() + ")"
        : v.id() + (v == Verdict.CONSISTENT ? "" : " (allowed by the policy)")
            + (run.leaks() ? "; the model measurably leaks (" + lower + ")" : "");
    return new RuleResult("verdict", fails || leaks ? RuleStatus.FAIL : RuleStatus.PASS, null, null, detail);
  }

  private static RuleResult withDetail(RuleResult r, String detail) {
    return new RuleResult(r.name(), r.status(), r.actual(), r.limit(), detail);
  }

  /** A value read from an audit. */
  @FunctionalInterface
  private interface Metric {
    Value of(AuditRecord r);
  }

  /** A value and where it came from (which attack). */
  private record Value(double value, String from) {}

  private static void epsilon(List<RuleResult> out, String name, Limit limit, AuditRecord run, AuditRecord baseline,
      Function<AuditRecord, Double> f) {
    if (limit != null) {
      Metric m = r -> new Value(f.apply(r), "");
      upper(out, name, limit.max(), limit.maxIncrease(), run, baseline, m);
    }
  }

  private static void upper(List<RuleResult> out, String name, Double max, Double maxIncrease, AuditRecord run,
      AuditRecord baseline, Metric m) {
    if (max != null) {
      Value v = m.of(run);
      out.add(check(name + " <= " + number(max), v.value(), max, number(v.value()) + v.from()));
    }
    if (maxIncrease != null) {
      String rule = name + " increase over baseline <= " + number(maxIncrease);
      if (baseline == null) {
        out.add(skip(rule, maxIncrease));
      } else {
        Value v = m.of(run);
        Value b = m.of(baseline);
        double inc = change(v.value(), b.value());
        out.add(check(rule, inc, maxIncrease, number(v.value()) + v.from() + " vs baseline " + baseline.run() + " "
            + number(b.value()) + b.from() + ": " + signed(inc)));
      }
    }
  }

  private static void accuracy(List<RuleResult> out, AccuracyLimit limit, AuditRecord run, AuditRecord baseline) {
    double acc = accuracyOf(run);
    if (limit.min() != null) {
      boolean ok = acc >= limit.min();
      out.add(new RuleResult("test accuracy >= " + number(limit.min()), ok ? RuleStatus.PASS : RuleStatus.FAIL, acc,
          limit.min(), number(acc)));
    }
    if (limit.maxDecrease() != null) {
      String rule = "test accuracy decrease from baseline <= " + number(limit.maxDecrease());
      if (baseline == null) {
        out.add(skip(rule, limit.maxDecrease()));
      } else {
        double dec = accuracyOf(baseline) - acc;
        out.add(check(rule, dec, limit.maxDecrease(), number(acc) + " vs baseline " + baseline.run() + " "
            + number(baseline.testAccuracy()) + ": " + signed(-dec)));
      }
    }
  }

  private static double accuracyOf(AuditRecord r) {
    if (r.testAccuracy() == null) {
      throw new InvalidInputException("the policy limits test accuracy, but the audit of " + r.run()
          + " has none (its run.json records no metrics)");
    }
    return r.testAccuracy();
  }

  private static RuleResult check(String rule, double actual, double limit, String detail) {
    return new RuleResult(rule, actual <= limit ? RuleStatus.PASS : RuleStatus.FAIL, actual, limit, detail);
  }

  private static RuleResult skip(String rule, double limit) {
    return new RuleResult(rule, RuleStatus.SKIP, null, limit, "no --baseline given");
  }

  /** {@code run - baseline}; equal values (infinities included) are no change. */
  static double change(double run, double baseline) {
    return run == baseline ? 0 : run - baseline;
  }

  private static Value attackValue(AuditRecord r, String attack, Function<AttackSummary, OptionalDouble> f,
      String what) {
    Map<String, AttackSummary> attacks = r.attacks();
    if (attack != null) {
      AttackSummary s = attacks.get(attack);
      if (s == null) {
        throw new InvalidInputException("the policy limits the " + what + " of attack '" + attack + "', but the audit of "
            + r.run() + " has no such attack (it has: " + String.join(", ", attacks.keySet()) + ")");
      }
      return new Value(require(f.apply(s), r, attack, what), "");
    }
    Value best = null;
    for (AttackSummary s : attacks.values()) {
      double v = require(f.apply(s), r, s.attack(), what);
      if (best == null || v > best.value()) {
        best = new Value(v, " (" + s.attack() + ")");
      }
    }
    if (best == null) {
      throw new InvalidInputException("the policy limits the " + what + " of attacks, but the audit of " + r.run()
          + " has none");
    }
    return best;
  }

  private static double require(OptionalDouble v, AuditRecord r, String attack, String what) {
    if (v.isEmpty()) {
      throw new InvalidInputException("the policy asks for the " + what + " of attack '" + attack + "', which the audit "
          + "of " + r.run() + " does not report (it reports TPR at FPR " + String.join(", ",
              r.attacks().get(attack).tprAtFpr().keySet()) + ")");
    }
    return v.getAsDouble();
  }

  private static String attackName(String attack) {
    return attack == null ? "any attack" : attack;
  }

  /** A limit as written: 0.6, 4, 0.001 ({@code inf} for infinity). */
  static String number(double v) {
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    String s = String.format(Locale.ROOT, "%.4g", v);
    return new BigDecimal(s).stripTrailingZeros().toPlainString();
  }

  private static String signed(double v) {
    return (v >= 0 ? "+" : "") + number(v);
  }

  private static String percent(double fraction) {
    return BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
  }
}
