/**
 * The CI privacy gate (DESIGN §9): a JSON {@link org.dpaudit.core.artifact.gate.GatePolicy} of limits on the
 * accountant and empirical epsilons, attack AUC and TPR at a given FPR, and test accuracy, each also
 * as the largest change allowed from a baseline run; {@link org.dpaudit.audit.gate.Gate} evaluates
 * it against {@code audit.json}, {@link org.dpaudit.audit.gate.GateRunner} writes {@code gate.json}
 * and {@link org.dpaudit.audit.gate.JUnitXml} the report CI systems display.
 */
package org.dpaudit.audit.gate;

import org.dpaudit.core.artifact.gate.GatePolicy;
