package org.dpaudit.trainers.schemes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.trainers.loop.PrivacyConfig;
import org.dpaudit.trainers.schemes.collab.CollabDpAsPublished;
import org.dpaudit.trainers.schemes.collab.CollabDpCorrected;
import org.dpaudit.trainers.schemes.collab.CollaborativeDp;
import org.dpaudit.trainers.schemes.enadpp.RatioAblations;
import org.dpaudit.trainers.schemes.enadpp.RelevanceLaplaceAsPublished;
import org.dpaudit.trainers.schemes.enadpp.RelevanceLaplaceCorrected;
import org.dpaudit.trainers.schemes.icgc.IcgcDpAsPublished;
import org.dpaudit.trainers.schemes.icgc.IcgcDpCorrected;
import org.dpaudit.trainers.schemes.neuraldp.NeuralDpAsPublished;
import org.dpaudit.trainers.schemes.neuraldp.NeuralDpCorrected;

/**
 * The schemes by name ({@code --scheme}), the one place a scheme's name is read: each line
 * registers a scheme's typed id, the option keys it takes ({@code --scheme-option KEY=VALUE};
 * unknown keys are refused here) and its factory. Adding a scheme is one class and one line.
 *
 * <pre>
 * nonprivate        ordinary SGD/Adam; no privacy claimed
 * dpsgd             DP-SGD (Abadi et al. 2016): flat L2 clipping, Gaussian noise, RDP/PLD accounting
 * psgd              the same algorithm under seed 000's name for it (its baseline "pSGD" [35])
 * appdl             APPDL (Zhang et al. 2021): DP-SGD with a decaying noise multiplier
 * adppl, enadpp     ADPPL (Gong et al. 2020), EnADPP (seed 000): Laplace noise, per-neuron budgets
 * icgc-dp           ICGC-DP (seed 002): layer-wise clipping at each layer's median, fusion of models
 * collab-dp         seed 003's optimizer in collaborative mode: K workers on disjoint partitions
 * neuraldp          NeuralDP (seed 004): privatised activations of one layer
 * </pre>
 * Each published algorithm but the first four has a provably DP {@code -corrected} variant
 * ({@link Variant}). docs/schemes.md explains each scheme's claim and its honest accounting.
 */
public final class Schemes {
  /** Builds a scheme from its id, its checked options and the planned run. */
  @FunctionalInterface
  public interface Factory {
    DpScheme create(SchemeId id, SchemeOptions options, SchemeContext ctx);
  }

  /**
   * One registered scheme.
   *
   * @param options the option keys it takes
   * @param defaultClipNorm the clipping norm C when {@code --clip} is not given (its paper's, or 1)
   * @param claim how its claim is accounted ({@link ClaimBasis})
   * @param dpSgdStep whether its step is DP-SGD's own (or plain SGD's, when not private): flat L2
   *     clipping and one Gaussian draw on the sum, so a trainer that re-implements that step (the
   *     batched shadow trainer) may train it from the noise multiplier alone
   */
  public record Entry(SchemeId id, Set<String> options, double defaultClipNorm, ClaimBasis claim, boolean dpSgdStep,
      Factory factory) {
    /**
     * Whether the scheme adds noise and claims an epsilon (takes {@code --epsilon} or {@code
     * --noise-multiplier}; its updates can carry white-box canaries).
     */
    public boolean isPrivate() {
      return claim != ClaimBasis.NONE;
    }
  }

  /** How a scheme's claimed epsilon is computed: what the options that plan a run's length may rely on. */
  public enum ClaimBasis {
    /** No claim (non-private training). */
    NONE,
    /**
     * {@link NoisePlan#gaussian}: at a given sigma, the RDP epsilon of the run's Poisson-sampled
     * Gaussian steps of that one multiplier at the run's q; so the steps a budget allows can be
     * solved up front ({@link BudgetSteps}).
     */
    POISSON_GAUSSIAN,
    /** A claim of the scheme's own (a noise schedule, Laplace budgets): no budget mode. */
    OWN
  }

  /** Ordinary training; no privacy claimed. */
  public static final SchemeId NON_PRIVATE = SchemeId.published("nonprivate");
  /** DP-SGD (Abadi et al. 2016). */
  public static final SchemeId DPSGD = SchemeId.published("dpsgd");
  /** DP-SGD under seed 000's name for it. */
  public static final SchemeId PSGD = SchemeId.published("psgd");

  private static final Map<String, Entry> REGISTRY = new LinkedHashMap<>();

  static {
    REGISTRY.put(NON_PRIVATE.name(), new Entry(NON_PRIVATE, Set.of(), 1.0, ClaimBasis.NONE, true,
        (id, o, ctx) -> new NonPrivateScheme(ctx.config().delta())));
    REGISTRY.put(DPSGD.name(), new Entry(DPSGD, Set.of(), 1.0, ClaimBasis.POISSON_GAUSSIAN, true, DpSgdScheme::dpsgd));
    REGISTRY.put(PSGD.name(), new Entry(PSGD, Set.of(), 1.0, ClaimBasis.POISSON_GAUSSIAN, true, DpSgdScheme::psgd));
    add(SchemeId.published("appdl"), Set.of("decay", "decay-rate", "decay-every"), AppdlScheme::create);
    add(SchemeId.published("adppl"), with(RatioAblations.KEYS, "clip-l1", "lrp-rule", "lrp-stabiliser"),
        RelevanceLaplaceAsPublished::adppl);
    add(SchemeId.published("enadpp"), with(RatioAblations.KEYS, "clip-l1", "lrp-rule", "lrp-stabiliser"),
        RelevanceLaplaceAsPublished::enadpp);
    add(SchemeId.corrected("adppl"), with(RatioAblations.KEYS, "clip-l1"), RelevanceLaplaceCorrected::adppl);
    add(SchemeId.corrected("enadpp"), with(RatioAblations.KEYS, "clip-l1"), RelevanceLaplaceCorrected::enadpp);
    add(SchemeId.published("icgc-dp"), Set.of("min-threshold", "fusion-models", "threshold", "noise"),
        ClaimBasis.POISSON_GAUSSIAN, IcgcDpAsPublished::create);
    add(SchemeId.corrected("icgc-dp"), Set.of("min-threshold", "fusion-models", "initial-threshold", "threshold-lr",
        "quantile", "count-noise"), ClaimBasis.POISSON_GAUSSIAN, IcgcDpCorrected::create);
    add(SchemeId.published("collab-dp"), Set.of("workers", "pca-fit", "noise-draw"), CollaborativeDp.PAPER_CLIP_NORM,
        ClaimBasis.POISSON_GAUSSIAN, CollabDpAsPublished::create);
    add(SchemeId.corrected("collab-dp"), Set.of("workers", "pca-fit"), CollaborativeDp.PAPER_CLIP_NORM,
        ClaimBasis.POISSON_GAUSSIAN, CollabDpCorrected::create);
    add(SchemeId.published("neuraldp"), Set.of("layer", "activation-clip"), ClaimBasis.POISSON_GAUSSIAN,
        NeuralDpAsPublished::create);
    add(SchemeId.corrected("neuraldp"), Set.of("layer", "activation-clip", "activation-noise"),
        ClaimBasis.POISSON_GAUSSIAN, NeuralDpCorrected::create);
  }

  /** The scheme names, in the order above. */
  public static final List<String> NAMES = List.copyOf(new ArrayList<>(REGISTRY.keySet()));

  private Schemes() {}

  private static Set<String> with(Set<String> shared, String... own) {
    Set<String> all = new java.util.HashSet<>(shared);
    all.addAll(Set.of(own));
    return all;
  }

  private static void add(SchemeId id, Set<String> options, Factory factory) {
    add(id, options, 1.0, ClaimBasis.OWN, factory);
  }

  private static void add(SchemeId id, Set<String> options, ClaimBasis claim, Factory factory) {
    add(id, options, 1.0, claim, factory);
  }

  private static void add(SchemeId id, Set<String> options, double defaultClipNorm, ClaimBasis claim,
      Factory factory) {
    REGISTRY.put(id.name(), new Entry(id, Set.copyOf(options), defaultClipNorm, claim, false, factory));
  }

  /** The registered scheme named {@code name}, or a one-line error listing the names. */
  public static Entry entry(String name) {
    Entry e = REGISTRY.get(name);
    if (e == null) {
      throw new InvalidInputException("unknown scheme '" + name + "'; choose one of " + String.join(", ", NAMES));
    }
    return e;
  }

  /** The typed id of the scheme named {@code name}. */
  public static SchemeId id(String name) {
    return entry(name).id();
  }

  /**
   * Whether the scheme named {@code name} adds noise and claims an epsilon; the one answer to
   * "is this the non-private scheme" (a one-line error for an unknown name).
   */
  public static boolean isPrivate(String name) {
    return entry(name).isPrivate();
  }

  /** Whether the scheme named {@code name} runs DP-SGD's step or plain SGD's ({@link Entry#dpSgdStep}). */
  public static boolean hasDpSgdStep(String name) {
    return REGISTRY.containsKey(name) && REGISTRY.get(name).dpSgdStep();
  }

  /** Builds the scheme {@code ctx.config().scheme()}, its options checked against the keys it takes. */
  public static DpScheme create(SchemeContext ctx) {
    PrivacyConfig cfg = ctx.config();
    Entry e = entry(cfg.scheme());
    SchemeOptions options = new SchemeOptions(e.id().name(), cfg.schemeOptions(), e.options());
    return e.factory().create(e.id(), options, ctx);
  }
}
