/**
 * Resumable checkpoints: parameters, optimizer state, the ledger and the canaries' inclusion bits,
 * written crash-consistently, with the fingerprint of the run they belong to ({@link
 * org.dpaudit.trainers.checkpoint.RunFingerprint}) and the checks a resume makes before it continues
 * one ({@link org.dpaudit.trainers.checkpoint.ResumeCheck}).
 */
package org.dpaudit.trainers.checkpoint;
