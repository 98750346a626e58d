package org.dpaudit.cli.audit;

import java.util.Locale;
import org.dpaudit.core.artifact.audit.BoundMethod;
import org.dpaudit.core.artifact.audit.EpsilonLowerBound;

/** Text formatting shared by the audit commands. */
final class Texts {
  private Texts() {}

  /** {@code empirical epsilon >= 2.1633 at delta = 1e-05, 95% confidence (Clopper-Pearson)}. */
  static String headline(EpsilonLowerBound b) {
    return String.format(Locale.ROOT, "empirical epsilon >= %.4f at delta = %s, %s confidence (%s)", b.epsilon(),
        number(b.delta()), percent(b.confidence()), name(b.method()));
  }

  static String name(BoundMethod m) {
    if (m == null) {
      return "no deciding bound";
    }
    return switch (m) {
      case CLOPPER_PEARSON -> "Clopper-Pearson";
      case GDP -> "Gaussian DP, Nasr et al. 2023";
      case ONE_RUN -> "one run, Steinke et al. 2023";
      case ONE_RUN_FDP -> "one run, f-DP with Gaussian curves, Mahloujifar et al. 2024";
      case ONE_RUN_FDP_EPS_DELTA -> "one run, f-DP test of (eps, delta) curves, Mahloujifar et al. 2024";
    };
  }

  /** 0.95 as "95%", 0.025 as "2.5%", 1e-6 as "0.0001%". */
  static String percent(double p) {
    String s = String.format(Locale.ROOT, "%.4g", 100 * p);
    if (s.contains(".") && !s.contains("e")) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s + "%";
  }

  /** A delta as written: 1e-05, 0.001, 0.5. */
  static String number(double v) {
    if (v != 0 && Math.abs(v) < 1e-3) {
      return String.format(Locale.ROOT, "%.3e", v).replaceAll("\\.?0+e", "e");
    }
    return v == 0 ? "0" : String.format(Locale.ROOT, "%s", v);
  }
}
