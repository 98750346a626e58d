package org.dpaudit.core;

/**
 * An accountant was asked to account for a mechanism event it does not support.
 *
 * <p>The message names the sub-event, so the user can tell which part of a composite event is the
 * problem (as dp_accounting's {@code UnsupportedEventError}).
 */
public class UnsupportedEventException extends DpauditException {
  private static final long serialVersionUID = 1L;

  public UnsupportedEventException(String message) {
    super(message);
  }

  public UnsupportedEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
