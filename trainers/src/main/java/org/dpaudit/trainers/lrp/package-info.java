/**
 * Layer-wise relevance propagation (Bach et al. 2015) on dpaudit's per-sample-gradient networks, as
 * tensor operations on the engine: how much each neuron contributed to the network's output, the
 * quantity seed 000's EnADPP and Gong et al.'s ADPPL turn into per-neuron privacy budgets.
 */
package org.dpaudit.trainers.lrp;
