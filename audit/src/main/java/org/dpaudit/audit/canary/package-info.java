/**
 * The one-run canary audit of a trained model (Steinke, Nasr, Jagielski 2023): score every canary
 * with the model ({@link org.dpaudit.audit.canary.CanaryScores}, which sees only the model and the
 * canaries), commit the guesses, and only then read which canaries went in ({@link
 * org.dpaudit.audit.canary.RunInclusion}, the one reader of the inclusion file) and bound epsilon
 * ({@link org.dpaudit.audit.canary.CanaryAuditor}).
 */
package org.dpaudit.audit.canary;
