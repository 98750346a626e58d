/**
 * The DP training schemes, each a small {@link org.dpaudit.trainers.schemes.DpScheme} strategy in
 * the one training loop. This package holds the loop's contract (the sealed {@code DpScheme}, {@code
 * PerExampleScheme} and {@code NoisySumScheme}, {@code StepContext}, {@code NoisePlan}), the
 * registry ({@code Schemes}, the only place a scheme's name is read) and DP-SGD/APPDL; each
 * disputed paper has its own package with one class per variant: {@code icgc} (seed 002), {@code
 * collab} (seed 003), {@code neuraldp} (seed 004), {@code enadpp} (seed 000's EnADPP and ADPPL).
 */
package org.dpaudit.trainers.schemes;
