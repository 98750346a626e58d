package org.dpaudit.cli.audit;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dpaudit.audit.bounds.BoundParameters;
import org.dpaudit.core.artifact.audit.EpsilonLowerBound;
import org.dpaudit.audit.bounds.OneRunBound;
import org.dpaudit.core.artifact.audit.OneRunCounts;
import org.dpaudit.audit.bounds.FdpOneRun;
import org.dpaudit.audit.bounds.OneRunFdpBound;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.core.Checks;
import org.dpaudit.core.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dpaudit audit one-run}: the one-training-run canary bound from (m, r, v). */
@Command(
    name = "one-run",
    mixinStandardHelpOptions = true,
    description = {
      "Epsilon lower bound from a one-training-run canary audit.",
      "Steinke, Nasr, Jagielski 2023: M canaries, each included in training",
      "independently with probability 1/2; R guesses (in/out, abstaining on the",
      "rest), V of them correct. With q = e^eps/(1 + e^eps), an (eps, delta)-DP",
      "null has p-value",
      "  p(eps) = P[Bin(R,q) >= V] + 2 M delta max_i P[V > Bin(R,q) >= V-i]/i",
      "(i = 1..V), and the bound is sup{eps : p(eps) < 1 - confidence}.",
      "The guess counts must be chosen before seeing which canaries went in; if",
      "several were tried, divide 1 - confidence by their number.",
      "fdp: the f-DP refinement (Mahloujifar, Melis, Chaudhuri 2024), tighter on",
      "the same counts, falsifies the Gaussian trade-off curve through (eps,",
      "delta): valid only if the mechanism's trade-off curve is Gaussian."
    },
    footer = {
      "",
      "Examples:",
      "  dpaudit audit one-run --canaries 1000 --guesses 100 --correct 95 --delta 1e-5",
      "  dpaudit audit one-run --canaries 1000 --guesses 600 --correct 600 \\",
      "      --delta 1e-5 --json",
      "  dpaudit audit one-run --canaries 1000 --guesses 100 --correct 95 \\",
      "      --delta 1e-5 --method fdp"
    })
public final class OneRunCommand implements Callable<Integer> {
  /** The one-run bounds. */
  public enum Method {
    STEINKE,
    FDP,
    FDP_EPS_DELTA
  }

  @Spec CommandSpec spec;

  @Option(names = "--canaries", required = true, paramLabel = "M", description = "Canaries, each included with probability 1/2.")
  int canaries;

  @Option(names = "--guesses", required = true, paramLabel = "R", description = "Guesses made (0 <= R <= M).")
  int guesses;

  @Option(names = "--correct", required = true, paramLabel = "V", description = "Correct guesses (0 <= V <= R).")
  int correct;

  @Option(names = "--delta", required = true, paramLabel = "D", description = "The delta of the (eps, delta) claim, in "
      + "[0, 1); 0 tests pure DP (fdp needs delta > 0).")
  double delta;

  @Option(names = "--confidence", paramLabel = "C", description = "Confidence of the bound, in (0, 1) (default: ${DEFAULT-VALUE}).")
  double confidence = BoundParameters.DEFAULT_CONFIDENCE;

  @Option(names = "--method", paramLabel = "METHOD", converter = MethodConverter.class, description = "steinke, "
      + "fdp-eps-delta (the f-DP test of (eps, delta) curves: valid for every mechanism, usually tighter than steinke) "
      + "or fdp (Gaussian curves) (default: steinke).")
  Method method = Method.STEINKE;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Override
  public Integer call() {
    Checks.zeroToOneExclusive("--delta", delta);
    if (method == Method.FDP) {
      Checks.openUnit("--delta (fdp converts Gaussian curves to epsilon at a positive delta)", delta);
    }
    Checks.openUnit("--confidence", confidence);
    Checks.check(canaries >= 1, "--canaries must be at least 1; got " + canaries);
    Checks.check(guesses >= 0 && guesses <= canaries, "--guesses must be in [0, --canaries = " + canaries + "]; got " + guesses);
    Checks.check(correct >= 0 && correct <= guesses, "--correct must be in [0, --guesses = " + guesses + "]; got " + correct);
    OneRunCounts counts = new OneRunCounts(canaries, guesses, correct);
    BoundParameters params = new BoundParameters(confidence, delta);
    EpsilonLowerBound b = switch (method) {
      case STEINKE -> OneRunBound.bound(counts, params);
      case FDP -> OneRunFdpBound.bound(counts, params);
      case FDP_EPS_DELTA -> fdpEpsDelta(counts, params);
    };
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.print(Json.write(b));
    } else {
      out.println(Texts.headline(b));
      out.printf(Locale.ROOT, "  %d canaries, %d guesses, %d correct; null rejected at level %s%n", canaries, guesses, correct,
          Texts.percent(b.levelPerTest()));
      if (method == Method.FDP) {
        out.println("  assumes a Gaussian trade-off curve: not a valid bound for an arbitrary mechanism");
      }
      out.println("  valid only if the guess counts were fixed before seeing which canaries went in");
    }
    return ExitCodes.OK;
  }

  private static EpsilonLowerBound fdpEpsDelta(OneRunCounts counts, BoundParameters params) {
    double beta = params.errorRate();
    return new EpsilonLowerBound(FdpOneRun.epsilonDelta(counts, params.delta(), beta), params.confidence(),
        params.delta(), org.dpaudit.core.artifact.audit.BoundMethod.ONE_RUN_FDP_EPS_DELTA,
        org.dpaudit.core.artifact.audit.ThresholdSelection.FIXED, 1, beta, null, null, null, null, null, counts, null,
        "one guess rule fixed in advance; (eps, delta) trade-off curves falsified by the f-DP one-run test of "
            + "Mahloujifar et al. (2024) at level " + Texts.percent(beta));
  }

  /** steinke, fdp, fdp-eps-delta (case-insensitive). */
  static final class MethodConverter implements picocli.CommandLine.ITypeConverter<Method> {
    @Override
    public Method convert(String value) {
      try {
        return Method.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException("expected steinke, fdp-eps-delta or fdp; got '"
            + value + "'");
      }
    }
  }
}
