package org.dpaudit.trainers.schemes.enadpp;

import java.util.Arrays;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.trainers.schemes.SchemeOptions;

/**
 * The ablations of the per-neuron budget ratios a reader of seed 000 would ask for, each one
 * scheme option ({@code --scheme-option KEY=VALUE}; the defaults are the paper's algorithm):
 *
 * <pre>
 * ratios=uniform         every neuron's ratio 1: plain Laplace noise, no relevance (is the adaptivity worth it?)
 * relevance=once         the ratios of the first step with a batch, kept for the whole run
 * ratio-layers=hidden    adaptive ratios on the hidden layers only; the output layer's are 1
 * ratio-floor=F          every ratio at least F (0..1): a floor on alpha, so no neuron's noise grows without bound
 * </pre>
 * None of them can lower a neuron's noise below the base scale (every ratio stays at most 1), so
 * each variant's accounting holds unchanged for its ablations.
 *
 * @param uniform every ratio 1
 * @param once the first batch's ratios for every step
 * @param hiddenOnly the output layer's ratios are 1
 * @param floor the least ratio (0: none)
 */
public record RatioAblations(boolean uniform, boolean once, boolean hiddenOnly, double floor) {
  /** The paper's algorithm: no ablation. */
  public static final RatioAblations NONE = new RatioAblations(false, false, false, 0);
  /** The option keys, for the registry. */
  public static final java.util.Set<String> KEYS = java.util.Set.of("ratios", "relevance", "ratio-layers",
      "ratio-floor");

  public RatioAblations {
    if (!(floor >= 0 && floor <= 1)) {
      throw new InvalidInputException("scheme option ratio-floor must be in [0, 1]; got " + floor);
    }
  }

  /** Whether scheme {@code name} sets per-neuron budget ratios from relevance (takes these options). */
  public static boolean appliesTo(String name) {
    return org.dpaudit.trainers.schemes.Schemes.entry(name).options().containsAll(KEYS);
  }

  /** The ablations {@code o} asks for. */
  static RatioAblations read(SchemeOptions o) {
    return new RatioAblations(choice(o, "ratios", "relevance", "uniform"), choice(o, "relevance", "every-step", "once"),
        choice(o, "ratio-layers", "all", "hidden"), o.nonNegative("ratio-floor", 0));
  }

  /** Whether option {@code key} is {@code ablated} (false for {@code paper}, its default). */
  private static boolean choice(SchemeOptions o, String key, String paper, String ablated) {
    String v = o.text(key, paper);
    if (!v.equals(paper) && !v.equals(ablated)) {
      throw new InvalidInputException("scheme option " + key + " must be " + paper + " or " + ablated + "; got '" + v
          + "'");
    }
    return v.equals(ablated);
  }

  /** {@code ratios} (per dense layer, the output layer last) with these ablations applied. */
  double[][] apply(double[][] ratios) {
    double[][] out = new double[ratios.length][];
    for (int l = 0; l < ratios.length; l++) {
      out[l] = ratios[l].clone();
      if (uniform || (hiddenOnly && l == ratios.length - 1)) {
        Arrays.fill(out[l], 1);
      }
      for (int q = 0; q < out[l].length; q++) {
        out[l][q] = Math.max(out[l][q], floor);
      }
    }
    return out;
  }
}
