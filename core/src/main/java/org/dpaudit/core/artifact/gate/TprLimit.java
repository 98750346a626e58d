package org.dpaudit.core.artifact.gate;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An upper limit on an attack's true-positive rate at a false-positive rate: the number the field
 * reports since LiRA (Carlini et al. 2022), because confident hits on a few members are a privacy
 * failure even at AUC 0.5.
 *
 * @param fpr the false-positive rate, a fraction in (0, 1) the audit reports (0.0001, 0.001, 0.01
 *     or 0.1)
 * @param attack the attack it applies to, or null for every attack in the audit (the largest TPR
 *     counts)
 * @param max the largest TPR that passes, in [0, 1]
 * @param maxIncrease the largest increase over the baseline run that passes, in [0, 1]
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TprLimit(Double fpr, String attack, Double max, Double maxIncrease) {}
