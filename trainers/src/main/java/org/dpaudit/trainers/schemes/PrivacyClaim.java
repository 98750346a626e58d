package org.dpaudit.trainers.schemes;

import java.util.List;
import java.util.Objects;
import org.dpaudit.core.Checks;

/**
 * What a scheme's paper says its algorithm guarantees for a run, kept apart from what an
 * accountant proves for what the code did.
 *
 * @param epsilon the claimed epsilon (nats); infinite for non-private training
 * @param delta the claimed delta
 * @param basis where the claim comes from, e.g. "moments accountant (Abadi et al. 2016)"
 */
public record PrivacyClaim(double epsilon, double delta, String basis) {
  public PrivacyClaim {
    Checks.nonNegativeOrInfinite("claimed epsilon", epsilon);
    Checks.zeroToOneExclusive("claimed delta", delta);
    Objects.requireNonNull(basis, "basis");
  }

  /** No claim of privacy at all. */
  public static PrivacyClaim none(double delta) {
    return new PrivacyClaim(Double.POSITIVE_INFINITY, delta, "non-private training: no privacy is claimed");
  }

  /** Whether any privacy is claimed (false only for {@link #none}: an infinite epsilon). */
  public boolean claimsPrivacy() {
    return epsilon < Double.POSITIVE_INFINITY;
  }

  /** Caveats are kept by the scheme; this helper joins them for messages. */
  static String join(List<String> caveats) {
    return String.join("; ", caveats);
  }
}
