/**
 * NeuralDP (seed 004: Knolle et al. 2021): {@link org.dpaudit.trainers.schemes.neuraldp.NeuralDp}, the
 * step through the privatisation layer both variants share, and one class per variant.
 */
package org.dpaudit.trainers.schemes.neuraldp;
