package org.dpaudit.core;

/**
 * The root of every error dpaudit raises on purpose.
 *
 * <p>Unchecked, because the CLI turns each of them into one line on standard error and exit code 2;
 * code in between has nothing useful to do with them. The subclasses say whose move it is:
 * {@link InvalidInputException} (the user can fix the input), {@link UnsupportedModelException}
 * (a layer DP-SGD cannot handle), {@link UnsupportedEventException} (an accountant cannot account
 * for an event) and {@link ArtifactException} (a run directory is corrupt or mismatched).
 */
public class DpauditException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DpauditException(String message) {
    super(message);
  }

  public DpauditException(String message, Throwable cause) {
    super(message, cause);
  }
}
