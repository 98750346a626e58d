package org.dpaudit.core.artifact.gate;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A lower limit on test accuracy (privacy that costs all utility is no success).
 *
 * @param min the smallest accuracy that passes, a fraction in [0, 1]
 * @param maxDecrease the largest drop from the baseline run that passes, a fraction in [0, 1]
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccuracyLimit(Double min, Double maxDecrease) {}
