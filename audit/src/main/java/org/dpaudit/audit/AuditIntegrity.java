package org.dpaudit.audit;

import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.artifact.ArtifactSchema;
import org.dpaudit.core.artifact.audit.AuditRecord;
import org.dpaudit.core.io.RunDirectory;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.core.artifact.run.PrivacyRecord;
import org.dpaudit.core.artifact.run.RunIntegrity;
import org.dpaudit.core.artifact.run.RunRecord;

/**
 * An {@code audit.json} is believed only as far as the run it audits backs it: the run passes
 * {@link RunIntegrity} (its files and its epsilon against its ledger), and the audit's claimed and
 * accountant epsilons and delta are the run's. The gate calls this before it reads any number from
 * an audit: with {@code accountantEpsilon} edited in audit.json alone, a gate limiting it used to
 * pass on the edited number.
 *
 * <p>That the audit's inputs (run.json, attack results, scores, canary bits) are the files now in the
 * run is checked separately, from the SHA-256 it recorded for each.
 */
public final class AuditIntegrity {
  private AuditIntegrity() {}

  /** Refuses {@code audit} (read from {@code dir}) unless the run and the audit agree. */
  public static void check(RunDirectory dir, AuditRecord audit) {
    RunRecord run = ArtifactSchema.RUN.read(dir);
    RunIntegrity.verify(dir, run);
    String where = dir.resolve(RunLayout.AUDIT_JSON).toString();
    if (!audit.run().equals(run.name())) {
      throw new ArtifactException(where + " audits run '" + audit.run() + "', not this run ('" + run.name()
          + "'); run 'dpaudit audit --run " + dir.path() + "' again");
    }
    PrivacyRecord p = run.privacy();
    if (p == null) {
      throw new ArtifactException(dir.resolve(RunLayout.RUN_JSON) + " has no privacy block; there is no claim "
          + "the audit could have checked");
    }
    // An audit may show no proof (infinity) where the ledger proves one: that overstates nothing.
    if (audit.accountantEpsilon() != Double.POSITIVE_INFINITY) {
      same(where, "accountantEpsilon", audit.accountantEpsilon(), RunIntegrity.recomputedEpsilon(run));
    }
    same(where, "claimedEpsilon", audit.claimedEpsilon(), p.claimedEpsilon());
    same(where, "delta", audit.delta(), p.delta());
  }

  private static void same(String where, String key, double audit, double run) {
    boolean same = audit == run || Math.abs(audit - run) <= 1e-6 * Math.max(Math.abs(run), 1e-12);
    if (!same) {
      throw new ArtifactException(where + ": " + key + " is " + audit + " but the run's is " + run
          + "; audit.json was edited or is stale; run 'dpaudit audit' again");
    }
  }
}
