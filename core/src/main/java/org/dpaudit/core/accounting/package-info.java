/**
 * Accountants: from a ledger's events to a proven (epsilon, delta), and noise calibration for a
 * target budget.
 *
 * <table>
 *   <caption>The accountants</caption>
 *   <tr><th>class</th><th>method</th><th>covers</th><th>result</th></tr>
 *   <tr><td>{@link org.dpaudit.core.accounting.RdpAccountant}</td><td>Renyi DP, tight conversion</td>
 *       <td>Gaussian (Poisson-sampled or not), Laplace (not sampled)</td><td>upper bound, optimal order</td></tr>
 *   <tr><td>{@link org.dpaudit.core.accounting.PldAccountant}</td><td>privacy loss distributions</td>
 *       <td>Gaussian and Laplace, Poisson-sampled or not</td><td>upper bound, the tightest</td></tr>
 *   <tr><td>{@link org.dpaudit.core.accounting.PureDpComposition}</td><td>basic / advanced composition</td>
 *       <td>Laplace, Poisson-sampled or not</td><td>upper bound</td></tr>
 *   <tr><td>{@link org.dpaudit.core.accounting.GdpCltAccountant}</td><td>Gaussian DP, central limit theorem</td>
 *       <td>Gaussian, Poisson-sampled or not</td><td>approximation when sampled ({@code upperBound = false})</td></tr>
 * </table>
 *
 * <h2>Conventions</h2>
 * Epsilon is in nats; delta is a probability in (0, 1), never defaulted. Every accountant takes a
 * whole {@link org.dpaudit.core.privacy.DpEvent} (a ledger's {@code composedEvent()}) and is a pure
 * function of it. Compositions: SelfComposed and Composed compose adaptively; ParallelComposed costs
 * the worst partition (valid under add/remove-one for disjoint partitions fixed independently of
 * the data); NoOp costs nothing; NonPrivate, and a Gaussian with noise multiplier 0, give an
 * infinite epsilon (no privacy), not an error; Unsupported, anywhere, is refused with an {@link
 * org.dpaudit.core.UnsupportedEventException} naming it. Poisson sampling is analysed under
 * add/remove-one neighbours only.
 *
 * <h2>Implementation notes</h2>
 * Numerics that can overflow (RDP at order 4096, epsilons in the hundreds) are done in log space;
 * special functions come from Commons Numbers and Commons Statistics, FFTs from JTransforms. Every
 * approximation in the PLD accountant is made in the pessimistic direction, including an explicit
 * allowance for floating-point round-off ({@link org.dpaudit.core.accounting.FftConvolution}), so
 * its epsilon is an upper bound at every step; the price is that for very small deltas (below about
 * 1e-8 after 10^4 steps) the allowance can dominate and the PLD answer becomes loose or infinite,
 * which the result's note says. The tests pin every accountant to Google's dp_accounting on a
 * reference table, and to independent computations (exact big-decimal sums, numerical integration,
 * the exact Gaussian mechanism).
 */
package org.dpaudit.core.accounting;
