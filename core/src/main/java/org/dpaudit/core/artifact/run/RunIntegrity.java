package org.dpaudit.core.artifact.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.accounting.EpsilonResult;
import org.dpaudit.core.accounting.RunAccounting;
import org.dpaudit.core.io.AtomicFiles;
import org.dpaudit.core.io.RunDirectory;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.core.io.Sha256;
import org.dpaudit.core.provenance.ArtifactRef;

/**
 * Nothing in a run directory is taken on trust: what {@code run.json} says is checked against what
 * it can be checked against before a later step (attack, audit, gate, report) relies on it.
 *
 * <ul>
 *   <li>The files it names (the model's, the canaries' inclusion bits) still have the SHA-256
 *       recorded when they were written, and {@code model/} holds no file it does not name: a byte
 *       flipped in {@code model-0000.params}, or another model swapped in after the audit, is an
 *       error, not a silently audited different model.
 *   <li>Its accountant epsilon is the one the accountants give for its ledger today, recomputed with
 *       the very function training uses ({@link RunAccounting#account}), so the two cannot disagree
 *       by construction: with {@code privacy.accountantEpsilon} edited to 0.01 while the ledger in the
 *       same file proves 1.74, an audit used to report "consistent with accountant 0.010" and a gate
 *       limiting it to 3 passed.
 * </ul>
 * Each failure is one line naming the file and what disagrees.
 */
public final class RunIntegrity {
  /**
   * Relative tolerance of the recomputed epsilon: the accountants are deterministic Java, but the
   * PLD's FFT and {@code Math.exp} may differ in the last bits between machines. An edit that
   * changes epsilon by less gains nothing.
   */
  static final double RELATIVE_TOLERANCE = 1e-6;

  private RunIntegrity() {}

  /** Every check: the files {@code run} names, and its epsilon against its ledger. */
  public static void verify(RunDirectory dir, RunRecord run) {
    verifyFiles(dir, run);
    verifyAccounting(dir, run);
  }

  /** The model files and the canary inclusion file against their recorded SHA-256 (what an attack reads). */
  public static void verifyFiles(RunDirectory dir, RunRecord run) {
    if (run.model() != null) {
      verifyModel(dir, run.model());
    }
    CanaryRecord c = run.canaries();
    if (c != null && c.inclusionSha256() != null) {
      String file = c.inclusionFile() == null ? RunLayout.CANARY_INCLUSION : c.inclusionFile();
      check(dir, new ArtifactRef(file, c.inclusionSha256()), "the canary inclusion bits were changed after training");
    }
  }

  private static void verifyModel(RunDirectory dir, ModelRecord model) {
    Set<Path> listed = new HashSet<>();
    for (ArtifactRef f : model.files()) {
      check(dir, f, "the model was changed after training");
      listed.add(dir.resolve(f.path()).normalize());
    }
    Path modelDir = dir.resolve(model.directory());
    if (!Files.isDirectory(modelDir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(modelDir)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        if (!listed.contains(p.normalize()) && !AtomicFiles.isTemporary(p)) {
          throw new ArtifactException(p + " is not one of the model files run.json lists (added after training?); "
              + "remove it or train the run again");
        }
      }
    } catch (IOException e) {
      throw new ArtifactException("cannot list " + modelDir + ": " + e.getMessage(), e);
    }
  }

  private static void check(RunDirectory dir, ArtifactRef ref, String meaning) {
    Path p = dir.resolve(ref.path());
    if (!Files.isRegularFile(p)) {
      throw new ArtifactException(p + " is missing (run.json lists it)");
    }
    if (!Sha256.of(p).equals(ref.sha256())) {
      throw new ArtifactException(p + " does not match the SHA-256 run.json records for it: " + meaning
          + "; train the run again (or restore the file)");
    }
  }

  /**
   * The recorded accountant epsilon (and the step count) against the ledger. A run without a proven
   * epsilon (an imported model) must not carry one; a run that records one must have the ledger that
   * proves it.
   */
  public static void verifyAccounting(RunDirectory dir, RunRecord run) {
    PrivacyRecord p = run.privacy();
    if (p == null) {
      return;
    }
    String where = dir.resolve(RunLayout.RUN_JSON).toString();
    if (p.steps() != p.ledger().steps()) {
      throw new ArtifactException(where + ": privacy.steps says " + p.steps() + " but the ledger records "
          + p.ledger().steps() + " steps; run.json was edited");
    }
    if (!p.caveats().containsAll(p.ledger().caveats())) {
      throw new ArtifactException(where + ": privacy.caveats leave out caveats the ledger carries; run.json was edited");
    }
    AccountantEpsilons recorded = p.accountantEpsilon();
    if (recorded == null) {
      return;
    }
    if (p.ledger().entries().isEmpty()) {
      throw new ArtifactException(where + ": records an accountant epsilon of " + recorded.epsilon()
          + " but no ledger that proves it; run.json was edited");
    }
    AccountantEpsilons now = recompute(p);
    compare(where, "privacy.accountantEpsilon.epsilon", recorded.epsilon(), now.epsilon());
    compare(where, "privacy.accountantEpsilon.rdp", recorded.rdp(), now.rdp());
    compare(where, "privacy.accountantEpsilon.pld", recorded.pld(), now.pld());
    compare(where, "privacy.accountantEpsilon.pureDp", recorded.pureDp(), now.pureDp());
  }

  /** The accountant epsilon of {@code run}, recomputed from its ledger (infinite when there is none to prove it). */
  public static double recomputedEpsilon(RunRecord run) {
    PrivacyRecord p = run.privacy();
    if (p == null || p.accountantEpsilon() == null || p.ledger().entries().isEmpty()) {
      return Double.POSITIVE_INFINITY;
    }
    return recompute(p).epsilon();
  }

  /**
   * What the accountants prove for {@code p}'s ledger at its delta, less the noise sampler's tail as
   * the run recorded it ({@code samplerTailDelta}): the same call training makes.
   */
  private static AccountantEpsilons recompute(PrivacyRecord p) {
    double tail = p.samplerTailDelta() == null ? 0 : p.samplerTailDelta();
    return new RunAccounting().account(p.ledger(), p.delta(), tail);
  }

  private static void compare(String where, String key, EpsilonResult recorded, EpsilonResult now) {
    if ((recorded == null) != (now == null)) {
      throw new ArtifactException(where + ": " + key + " is " + (recorded == null ? "missing" : "present")
          + " but the accountant " + (now == null ? "does not apply to" : "applies to") + " this ledger; run.json was "
          + "edited");
    }
    if (recorded != null) {
      compare(where, key + ".epsilon", recorded.epsilon(), now.epsilon());
    }
  }

  private static void compare(String where, String key, double recorded, double now) {
    boolean same = recorded == now
        || Double.isFinite(recorded) && Double.isFinite(now)
            && Math.abs(recorded - now) <= RELATIVE_TOLERANCE * Math.max(Math.abs(now), 1e-12);
    if (!same) {
      throw new ArtifactException(where + ": " + key + " is " + recorded + " but its ledger proves " + now
          + " (recomputed now); run.json was edited, or written by a dpaudit whose accountant differs; refusing to use "
          + "an epsilon nothing proves");
    }
  }

}
