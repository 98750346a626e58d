package org.dpaudit.cli.accountant;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;
import org.dpaudit.core.privacy.SamplingSchedule;

/**
 * What {@code dpaudit accountant} prints: with {@code --json} this record as one JSON object, else
 * {@link #text()}. One shape whatever {@code --accountant} says: the top level is the best proven
 * bound among the accountants run (the smallest upper-bound epsilon, or, when solving, the least
 * noise), and {@code results} lists every accountant run.
 *
 * @param accountant the accountant of the top-level answer ({@code rdp}, {@code pld}, {@code gdp}, {@code pure})
 * @param epsilon in nats; "Infinity" in JSON when there is no privacy
 * @param delta the delta it holds at
 * @param upperBound whether the top-level epsilon is a proven upper bound
 * @param optimalOrder the Renyi order, when the top-level answer is RDP's
 * @param noiseMultiplier Gaussian noise multiplier (given, or solved for); for Laplace, scale / sensitivity
 * @param scale the Laplace scale (given, or solved for)
 * @param solvedFor {@code "noiseMultiplier"} when {@code --target-epsilon} was given
 * @param targetEpsilon the target when solving
 * @param mechanism {@code gaussian} or {@code laplace}
 * @param sensitivity the Laplace L1 sensitivity
 * @param samplingRate the Poisson sampling rate q
 * @param steps the number of steps
 * @param derivedFrom how q and steps were derived from dataset size, batch size and epochs, if they were
 * @param results every accountant's answer
 * @param skipped accountants of {@code --accountant all} that cannot account for this mechanism, and why
 * @param caveats what the numbers assume
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountantReport(
    String accountant,
    double epsilon,
    double delta,
    boolean upperBound,
    Double optimalOrder,
    Double noiseMultiplier,
    Double scale,
    String solvedFor,
    Double targetEpsilon,
    String mechanism,
    Double sensitivity,
    double samplingRate,
    long steps,
    Derivation derivedFrom,
    List<Entry> results,
    List<Skipped> skipped,
    List<String> caveats) {

  /** One accountant's answer. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Entry(String accountant, double epsilon, double delta, boolean upperBound, Double optimalOrder,
      Double noiseMultiplier, Double scale, String note) {}

  /** An accountant that was not run, and why. */
  public record Skipped(String accountant, String reason) {}

  /** q = batchSize / datasetSize and steps = ceil(epochs * ceil(datasetSize / batchSize)). */
  public record Derivation(long datasetSize, long batchSize, double epochs) {}

  /** The short human statement. */
  String text() {
    StringBuilder b = new StringBuilder();
    b.append(setting()).append('\n');
    if (results.size() == 1) {
      Entry e = results.get(0);
      b.append("  ").append(e.accountant.toUpperCase(Locale.ROOT)).append(": ").append(line(e)).append('\n');
    } else {
      for (Entry e : results) {
        b.append(String.format(Locale.ROOT, "  %-5s %s%n", e.accountant, line(e)));
      }
      skipped.forEach(s -> b.append(String.format(Locale.ROOT, "  %-5s not run: %s%n", s.accountant, s.reason)));
      b.append(String.format(Locale.ROOT, "Best proven bound: %s%n", best()));
    }
    if (epsilon == Double.POSITIVE_INFINITY && noNoise()) {
      b.append("Epsilon is infinite: a noise multiplier of 0 adds no noise, so there is no privacy.\n");
    }
    caveats.forEach(c -> b.append(c).append('\n'));
    return b.toString();
  }

  private boolean noNoise() {
    return noiseMultiplier != null && noiseMultiplier == 0;
  }

  private String setting() {
    String sampling = samplingRate == 1 ? "no sampling (every example in every step)"
        : "Poisson sampling rate q = " + num(samplingRate);
    String noise = "gaussian".equals(mechanism)
        ? (solvedFor != null ? "noise multiplier to be found" : "noise multiplier " + num(noiseMultiplier))
        : "Laplace noise, L1 sensitivity " + num(sensitivity) + (solvedFor != null ? ", scale to be found" : ", scale " + num(scale));
    String derived = derivedFrom == null ? "" : String.format(Locale.ROOT,
        " (q = batch size / dataset size = %d/%d; steps = ceil(epochs x ceil(dataset size / batch size)) = ceil(%s x %d))",
        derivedFrom.batchSize, derivedFrom.datasetSize, num(derivedFrom.epochs),
        SamplingSchedule.stepsPerEpoch(derivedFrom.datasetSize, derivedFrom.batchSize));
    String target = solvedFor == null ? "" : ", target epsilon " + num(targetEpsilon);
    return String.format(Locale.ROOT, "%s: %s, %s, %d steps%s, delta = %s%s",
        "gaussian".equals(mechanism) ? "DP-SGD (Gaussian)" : "Laplace", sampling, noise, steps, derived, num(delta), target);
  }

  private String line(Entry e) {
    String eps = e.epsilon == Double.POSITIVE_INFINITY ? "infinity" : num(e.epsilon);
    String solved = solvedFor == null ? ""
        : "gaussian".equals(mechanism) ? "noise multiplier " + num(e.noiseMultiplier) + " gives "
            : "scale " + num(e.scale) + " gives ";
    String order = e.optimalOrder == null ? "" : " at Renyi order " + num(e.optimalOrder);
    return String.format(Locale.ROOT, "%sepsilon = %s%s  [%s]", solved, eps, order, e.note);
  }

  private String best() {
    String eps = epsilon == Double.POSITIVE_INFINITY ? "infinity" : num(epsilon);
    String noise = solvedFor == null ? ""
        : "gaussian".equals(mechanism) ? "noise multiplier " + num(noiseMultiplier) + ", " : "scale " + num(scale) + ", ";
    return noise + "epsilon = " + eps + " (" + accountant.toUpperCase(Locale.ROOT) + ")";
  }

  static String num(Double v) {
    if (v == null) {
      return "-";
    }
    if (v == Double.POSITIVE_INFINITY) {
      return "infinity";
    }
    return String.format(Locale.ROOT, "%.6g", v).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2").replaceFirst("\\.(e|$)", "$1");
  }
}
