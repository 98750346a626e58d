/** Resumable checkpoints: parameters, optimizer state, the ledger, written crash-consistently. */
package org.dpaudit.trainers.checkpoint;
