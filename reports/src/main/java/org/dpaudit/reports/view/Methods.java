package org.dpaudit.reports.view;

import java.util.Locale;
import java.util.Map;

/**
 * Readable names of the audit's bound methods and threshold selections, as audit.json writes them:
 * {@code clopper-pearson} since schema 3, {@code CLOPPER_PEARSON} in schema 2 (still read).
 */
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
    return id == null ? "" : LABELS.getOrDefault(id.toUpperCase(Locale.ROOT).replace('-', '_'), id);
  }
}
