package org.dpaudit.core;

/**
 * A model that per-example clipping cannot handle, such as one with BatchNorm.
 *
 * <p>The message says why and what to use instead (as Opacus' validators do).
 */
public class UnsupportedModelException extends DpauditException {
  private static final long serialVersionUID = 1L;

  public UnsupportedModelException(String message) {
    super(message);
  }

  public UnsupportedModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
