package org.dpaudit.core.artifact.gate;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An upper limit on an attack's AUC.
 *
 * @param attack the attack it applies to ({@code loss}, {@code lira}, ...), or null for every
 *     attack in the audit (the largest AUC counts)
 * @param max the largest AUC that passes, in [0, 1]
 * @param maxIncrease the largest increase over the baseline run that passes, in [0, 1]
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttackLimit(String attack, Double max, Double maxIncrease) {}
