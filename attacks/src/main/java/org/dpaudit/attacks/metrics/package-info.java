/** Attack metrics: ROC, AUC, balanced accuracy, TPR at low FPR, with confidence intervals. */
package org.dpaudit.attacks.metrics;
