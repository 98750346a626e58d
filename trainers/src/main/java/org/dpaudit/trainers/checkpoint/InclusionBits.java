package org.dpaudit.trainers.checkpoint;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;
import org.dpaudit.core.io.Sha256;

/**
 * One family of canaries' inclusion bits (each canary in with probability 1/2), drawn once per run
 * and kept with the checkpoint, so a resumed run audits the model against the bits it was trained
 * with.
 *
 * <p>Why they are kept rather than drawn again: in secure mode the randomness cannot be replayed, so
 * a resume used to draw fresh bits and rewrite {@code canaries/inclusion.json} (18 of 40 bits changed
 * in one test): the model was then audited against bits it was not trained with. {@link
 * #drawOrRestore} is the one way a run gets its bits; a second family (gradient canaries, say) is one
 * more call with its own name.
 *
 * @param family which canaries: {@code input} for the example canaries of {@code --canaries}; one
 *     name per family
 * @param kind how they were made (e.g. {@code mislabeled}): part of the run's fingerprint
 * @param included bit i: canary i went in
 */
public record InclusionBits(String family, String kind, boolean[] included) {
  /** The family of {@code --canaries}: crafted examples inserted into the training set. */
  public static final String INPUT_CANARIES = "input";

  public InclusionBits {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(kind, "kind");
    included = included.clone();
  }

  /**
   * The bits of {@code family}: those in {@code resume} when a run is resumed (a resume refuses a
   * checkpoint whose canaries differ in family, kind or count before it gets here), else freshly
   * drawn by {@code draw}.
   */
  public static InclusionBits drawOrRestore(String family, String kind, CheckpointState resume,
      Supplier<boolean[]> draw) {
    if (resume != null && resume.inclusion() != null) {
      for (InclusionBits b : resume.inclusion()) {
        if (b.family().equals(family)) {
          return b;
        }
      }
    }
    return new InclusionBits(family, kind, draw.get());
  }

  /** The bits (a copy). */
  @Override
  public boolean[] included() {
    return included.clone();
  }

  /** m, the number of canaries. */
  @JsonIgnore
  public int count() {
    return included.length;
  }

  /** SHA-256 of the bits as a string of 0s and 1s: what the run's fingerprint records of them. */
  @JsonIgnore
  public String sha256() {
    StringBuilder s = new StringBuilder(included.length);
    for (boolean b : included) {
      s.append(b ? '1' : '0');
    }
    return Sha256.of(s.toString().getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InclusionBits b && family.equals(b.family) && kind.equals(b.kind)
        && Arrays.equals(included, b.included);
  }

  @Override
  public int hashCode() {
    return Objects.hash(family, kind, Arrays.hashCode(included));
  }

  @Override
  public String toString() {
    return "InclusionBits[" + family + ", " + kind + ", " + included.length + " bits]";
  }
}
