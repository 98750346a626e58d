package org.dpaudit.reports.view;

import java.util.Map;

/** Readable names of the audit's bound methods and threshold selections (as written in audit.json). */
final class Methods {
  private static final Map<String, String> LABELS = Map.of(
      "CLOPPER_PEARSON", "Clopper–Pearson hypothesis test",
      "GDP", "Gaussian-DP",
      "ONE_RUN", "one-run canary bound (Steinke et al.)",
      "ONE_RUN_FDP", "one-run f-DP, Gaussian curves",
      "ONE_RUN_FDP_EPS_DELTA", "one-run f-DP test of (ε, δ) curves",
      "FIXED", "fixed threshold",
      "SPLIT", "threshold chosen on a held-out half",
      "BONFERRONI", "all thresholds, Bonferroni-corrected");

  private Methods() {}

  /** The label of {@code id}, or {@code id} itself when unknown. */
  static String label(String id) {
    return id == null ? "" : LABELS.getOrDefault(id, id);
  }
}
