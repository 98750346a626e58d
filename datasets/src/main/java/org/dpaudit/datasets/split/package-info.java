/**
 * Deterministic, disjoint membership splits (members / non-members / attacker pool / test),
 * recorded in the dataset card so they can be rebuilt and checked.
 */
package org.dpaudit.datasets.split;
