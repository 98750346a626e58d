package org.dpaudit.core.artifact.gate;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An upper limit on an epsilon: the most it may be, and the most it may grow over the baseline
 * run. Either may be left out; {@link GatePolicy} checks the values.
 *
 * @param max the largest value that passes, in nats
 * @param maxIncrease the largest increase over the baseline that passes, in nats
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Limit(Double max, Double maxIncrease) {}
