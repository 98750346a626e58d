package org.dpaudit.audit.bounds;

import java.util.Objects;
import org.dpaudit.attacks.mia.MembershipScores;
import org.dpaudit.core.Checks;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.core.artifact.audit.ConfusionCounts;

/**
 * Attack scores split by class: the members' scores and the non-members' scores, the view every
 * bound here works on. A higher score means "more likely a member"; negate a loss before passing
 * it. Scores may repeat (ties are handled by the rule "member iff score >= t") and may be
 * infinite, but not NaN. Both classes must be present.
 *
 * <p>Not to be confused with {@link org.dpaudit.attacks.mia.MembershipScores}, the record every
 * attack produces (example ids, scores and membership, in the examples' order): audit code takes
 * that type at its boundary and turns it into this one with {@link #of(MembershipScores)}.
 *
 * <p>The arrays are copied in and out, so an instance cannot change after it was checked.
 */
public final class ClassScores {
  private final double[] memberScores;
  private final double[] nonMemberScores;

  private ClassScores(double[] memberScores, double[] nonMemberScores) {
    this.memberScores = memberScores;
    this.nonMemberScores = nonMemberScores;
  }

  /** The scores of an attack's output, split by its true membership. */
  public static ClassScores of(MembershipScores attackScores) {
    Objects.requireNonNull(attackScores, "attackScores");
    return of(attackScores.scores(), attackScores.members());
  }

  /** Scores with one membership flag each ({@code members[i]}: example i was in the training set). */
  public static ClassScores of(double[] scores, boolean[] members) {
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(members, "members");
    Checks.check(scores.length == members.length, "scores and membership flags must have the same length; got "
        + scores.length + " scores and " + members.length + " flags");
    int positives = 0;
    for (int i = 0; i < scores.length; i++) {
      requireNumber("scores", scores, i);
      positives += members[i] ? 1 : 0;
    }
    double[] in = new double[positives];
    double[] out = new double[scores.length - positives];
    for (int i = 0, a = 0, b = 0; i < scores.length; i++) {
      double s = scores[i] + 0.0; // -0.0 becomes 0.0: the threshold rule compares with >=, not bits
      if (members[i]) {
        in[a++] = s;
      } else {
        out[b++] = s;
      }
    }
    return ofClasses(in, out);
  }

  /** Scores given class by class. */
  public static ClassScores ofClasses(double[] memberScores, double[] nonMemberScores) {
    Objects.requireNonNull(memberScores, "memberScores");
    Objects.requireNonNull(nonMemberScores, "nonMemberScores");
    Checks.check(memberScores.length >= 1, "membership scores need at least one member; got none");
    Checks.check(nonMemberScores.length >= 1, "membership scores need at least one non-member; got none");
    double[] in = memberScores.clone();
    double[] out = nonMemberScores.clone();
    for (int i = 0; i < in.length; i++) {
      requireNumber("memberScores", in, i);
      in[i] += 0.0;
    }
    for (int i = 0; i < out.length; i++) {
      requireNumber("nonMemberScores", out, i);
      out[i] += 0.0;
    }
    return new ClassScores(in, out);
  }

  private static void requireNumber(String name, double[] scores, int i) {
    if (Double.isNaN(scores[i])) {
      throw new InvalidInputException(name + "[" + i + "] must be a number; got NaN");
    }
  }

  /** The number of members. */
  public int positives() {
    return memberScores.length;
  }

  /** The number of non-members. */
  public int negatives() {
    return nonMemberScores.length;
  }

  /** A copy of the members' scores. */
  public double[] memberScores() {
    return memberScores.clone();
  }

  /** A copy of the non-members' scores. */
  public double[] nonMemberScores() {
    return nonMemberScores.clone();
  }

  /** The confusion counts of the rule "member iff score >= threshold". */
  public ConfusionCounts countsAt(double threshold) {
    Checks.check(!Double.isNaN(threshold), "threshold must be a number; got NaN");
    int tp = countAtLeast(memberScores, threshold);
    int fp = countAtLeast(nonMemberScores, threshold);
    return new ConfusionCounts(tp, memberScores.length - tp, fp, nonMemberScores.length - fp);
  }

  double[] members() {
    return memberScores;
  }

  double[] nonMembers() {
    return nonMemberScores;
  }

  private static int countAtLeast(double[] scores, double threshold) {
    int n = 0;
    for (double s : scores) {
      n += s >= threshold ? 1 : 0;
    }
    return n;
  }

  @Override
  public String toString() {
    return "ClassScores[members=" + memberScores.length + ", nonMembers=" + nonMemberScores.length + "]";
  }
}
