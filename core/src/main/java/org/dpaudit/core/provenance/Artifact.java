package org.dpaudit.core.provenance;

/**
 * A JSON artifact of a run directory ({@code run.json}, {@code attacks/<a>.json}, {@code
 * audit.json}, {@code gate.json}). Each has a schema version, a kind and its provenance at the top
 * level, so any file can say what it is and how it was made.
 */
public interface Artifact {
  /** The version of this artifact's JSON layout; bumped whenever its meaning changes. */
  int schemaVersion();

  /** What the artifact is, e.g. {@code "run"} or {@code "audit"}. */
  String kind();

  /** How it was made. */
  Provenance provenance();
}
