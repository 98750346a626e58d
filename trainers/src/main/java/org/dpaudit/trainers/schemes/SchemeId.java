package org.dpaudit.trainers.schemes;

import java.util.Objects;
import org.dpaudit.core.Checks;

/**
 * A scheme's typed name: the algorithm (as its paper or dpaudit names it) and the variant. Its text
 * form, {@link #name()}, is what {@code --scheme} takes and {@code run.json} records; {@link
 * Schemes#id} is the one place that parses it.
 *
 * @param algorithm e.g. {@code dpsgd}, {@code icgc-dp}, {@code enadpp}
 */
public record SchemeId(String algorithm, Variant variant) {
  public SchemeId {
    Checks.check(algorithm != null && algorithm.matches("[a-z][a-z0-9-]*") && !algorithm.endsWith(
        Variant.CORRECTED.suffix()), "a scheme's algorithm is lower-case letters, digits and dashes; got " + algorithm);
    Objects.requireNonNull(variant, "variant");
  }

  /** An algorithm as published. */
  public static SchemeId published(String algorithm) {
    return new SchemeId(algorithm, Variant.AS_PUBLISHED);
  }

  /** An algorithm's corrected variant. */
  public static SchemeId corrected(String algorithm) {
    return new SchemeId(algorithm, Variant.CORRECTED);
  }

  /** The name {@code --scheme} takes: {@code icgc-dp}, {@code icgc-dp-corrected}. */
  public String name() {
    return algorithm + variant.suffix();
  }

  /** Whether this is the corrected variant. */
  public boolean corrected() {
    return variant == Variant.CORRECTED;
  }

  @Override
  public String toString() {
    return name();
  }
}
