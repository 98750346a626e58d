package org.dpaudit.core;

/**
 * Input the user can fix: a bad file, an impossible epsilon, delta or sigma, a wrong shape, a NaN.
 *
 * <p>The message names the value or the file and says what was expected, in one line.
 */
public class InvalidInputException extends DpauditException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
