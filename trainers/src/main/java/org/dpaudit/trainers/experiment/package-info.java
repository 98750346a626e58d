/**
 * Reproduction experiments: a preset (a grid of schemes and epsilons on one training recipe, with
 * the paper's published numbers beside it) is data; {@link
 * org.dpaudit.trainers.experiment.ExperimentRunner} trains every cell as an ordinary run directory
 * and writes the comparison table as JSON and Markdown.
 *
 * <p>Adding a preset means adding a JSON file under {@code resources/.../experiment/presets/} and
 * its name to {@code index.txt} there; no code changes.
 */
package org.dpaudit.trainers.experiment;
