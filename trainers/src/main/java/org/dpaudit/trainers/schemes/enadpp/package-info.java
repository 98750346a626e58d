/**
 * EnADPP (seed 000: Zhang et al. 2023) and its baseline ADPPL (Gong et al. 2020): {@link
 * org.dpaudit.trainers.schemes.enadpp.RelevanceLaplace}, the per-neuron Laplace step both variants
 * share, one class per variant, and the budget ratios of eqs. 2-5 ({@link
 * org.dpaudit.trainers.schemes.enadpp.BudgetRatio}).
 */
package org.dpaudit.trainers.schemes.enadpp;
