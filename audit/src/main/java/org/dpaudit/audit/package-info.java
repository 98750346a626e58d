/**
 * The audit: empirical epsilon lower bounds with stated confidence, canary audits, verdicts that set
 * the claimed, accountant and empirical epsilons side by side, and the CI privacy gate.
 */
package org.dpaudit.audit;
