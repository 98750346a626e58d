package org.dpaudit.attacks;

import java.util.Locale;

/** The attacks {@code dpaudit attack --attack} runs. */
public enum AttackKind {
  /** Loss threshold (Yeom et al. 2018). */
  LOSS,
  /** Shadow models with per-class attack classifiers (Shokri et al. 2017). */
  SHADOW,
  /** Likelihood-ratio attack (Carlini et al. 2022). */
  LIRA,
  /** Robust membership inference (Zarifzadeh et al. 2024). */
  RMIA,
  /** Model inversion (Fredrikson et al. 2015). */
  INVERSION;

  /** The lower-case name used in file names and JSON. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
