package org.dpaudit.reports.view;

import java.util.List;

/**
 * How the run was made: data, split, randomness, model, environment, timings, and every artifact's
 * own provenance (which command, when, by which commit).
 *
 * @param dataset the dataset card
 * @param files the dataset's files with their SHA-256
 * @param split the membership split (seed, sizes, fingerprint)
 * @param randomness mode, seed, streams
 * @param model the architecture and its parameter files
 * @param environment versions, commit, platform, engine, device
 * @param timings when and how long
 * @param artifacts one row per JSON artifact of the run directory
 * @param config the training configuration as recorded, as indented JSON
 */
public record ProvenanceView(
    List<Field> dataset,
    List<Field> files,
    List<Field> split,
    List<Field> randomness,
    List<Field> model,
    List<Field> environment,
    List<Field> timings,
    List<ArtifactRow> artifacts,
    String config) {

  /** One artifact of the run directory and how it was made. */
  public record ArtifactRow(String file, String command, String created, String elapsed, String commit,
      String randomness) {}
}
