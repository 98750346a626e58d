package org.dpaudit.core;

/**
 * A run directory or artifact that is missing, corrupt or does not match what was expected.
 */
public class ArtifactException extends DpauditException {
  private static final long serialVersionUID = 1L;

  public ArtifactException(String message) {
    super(message);
  }

  public ArtifactException(String message, Throwable cause) {
    super(message, cause);
  }
}
