package org.dpaudit.cli.audit;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dpaudit.core.artifact.audit.BoundMethod;
import org.dpaudit.audit.bounds.BoundParameters;
import org.dpaudit.core.artifact.audit.ConfusionCounts;
import org.dpaudit.audit.bounds.CountsBound;
import org.dpaudit.core.artifact.audit.EpsilonLowerBound;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.core.Checks;
import org.dpaudit.core.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dpaudit audit bound}: the epsilon lower bound from one confusion matrix. */
@Command(
    name = "bound",
    mixinStandardHelpOptions = true,
    description = {
      "Epsilon lower bound from a membership test's confusion matrix.",
      "Positives are members (tp + fn), negatives non-members (fp + tn).",
      "cp: if training is (eps, delta)-DP, FPR + e^eps FNR >= 1 - delta and",
      "FNR + e^eps FPR >= 1 - delta (Kairouz et al. 2015). With one-sided",
      "Clopper-Pearson upper bounds on FPR and FNR, each at (1 - confidence)/2:",
      "  eps >= max(ln((1-delta-FPR_hi)/FNR_hi), ln((1-delta-FNR_hi)/FPR_hi)),",
      "clamped at 0.",
      "gdp: mu >= Phi^-1(1 - FPR_hi) - Phi^-1(FNR_hi), turned into epsilon at",
      "delta by the Gaussian-DP curve (Nasr et al. 2023). Valid only if the",
      "mechanism's trade-off curve is Gaussian (white-box DP-SGD canaries).",
      "The counts must come from a test fixed before the outcomes were seen; a",
      "threshold picked as the best on these same outcomes voids the bound."
    },
    footer = {
      "",
      "Examples:",
      "  dpaudit audit bound --tp 600 --fn 400 --fp 50 --tn 950 --delta 1e-5",
      "  dpaudit audit bound --tp 60 --fn 40 --fp 5 --tn 95 --delta 1e-5 --json",
      "  dpaudit audit bound --tp 60 --fn 40 --fp 5 --tn 95 --delta 1e-5 \\",
      "      --confidence 0.99 --method gdp"
    })
public final class BoundCommand implements Callable<Integer> {
  /** The bound methods for a confusion matrix. */
  public enum Method {
    CP(BoundMethod.CLOPPER_PEARSON),
    GDP(BoundMethod.GDP);

    final BoundMethod method;

    Method(BoundMethod method) {
      this.method = method;
    }
  }

  @Spec CommandSpec spec;

  @Option(names = "--tp", required = true, paramLabel = "N", description = "Members the test called members.")
  int tp;

  @Option(names = "--fn", required = true, paramLabel = "N", description = "Members the test called non-members.")
  int fn;

  @Option(names = "--fp", required = true, paramLabel = "N", description = "Non-members the test called members.")
  int fp;

  @Option(names = "--tn", required = true, paramLabel = "N", description = "Non-members the test called non-members.")
  int tn;

  @Option(names = "--delta", required = true, paramLabel = "D", description = "The delta of the (eps, delta) claim, in "
      + "[0, 1); 0 tests pure DP (gdp needs delta > 0).")
  double delta;

  @Option(names = "--confidence", paramLabel = "C", description = "Confidence of the bound, in (0, 1) (default: ${DEFAULT-VALUE}).")
  double confidence = BoundParameters.DEFAULT_CONFIDENCE;

  @Option(names = "--method", paramLabel = "METHOD", description = "cp or gdp (default: cp).")
  Method method = Method.CP;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Override
  public Integer call() {
    Checks.nonNegative("--tp", tp);
    Checks.nonNegative("--fn", fn);
    Checks.nonNegative("--fp", fp);
    Checks.nonNegative("--tn", tn);
    Checks.zeroToOneExclusive("--delta", delta);
    if (method == Method.GDP) {
      Checks.openUnit("--delta (gdp converts mu to epsilon at a positive delta)", delta);
    }
    Checks.openUnit("--confidence", confidence);
    EpsilonLowerBound b = CountsBound.of(new ConfusionCounts(tp, fn, fp, tn), new BoundParameters(confidence, delta), method.method);
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? Json.write(b) : text(b));
    return ExitCodes.OK;
  }

  static String text(EpsilonLowerBound b) {
    ConfusionCounts c = b.counts();
    StringBuilder s = new StringBuilder();
    s.append(Texts.headline(b)).append('\n');
    s.append(String.format(Locale.ROOT, "  members      %d (tp %d, fn %d)   FNR <= %.4g%n", c.positives(), c.tp(), c.fn(), b.fnrUpper()));
    s.append(String.format(Locale.ROOT, "  non-members  %d (fp %d, tn %d)   FPR <= %.4g%n", c.negatives(), c.fp(), c.tn(), b.fprUpper()));
    s.append(String.format(Locale.ROOT, "  one-sided Clopper-Pearson bounds at %s each, jointly at >= %s%n",
        Texts.percent(b.levelPerTest()), Texts.percent(b.confidence())));
    if (b.mu() != null) {
      s.append(String.format(Locale.ROOT, "  mu >= %.4f; assumes a Gaussian trade-off curve (white-box DP-SGD%n"
          + "  canaries): not a valid bound for an arbitrary mechanism%n", b.mu()));
    }
    s.append("  valid only if the test was fixed before these outcomes were seen\n");
    return s.toString();
  }
}
