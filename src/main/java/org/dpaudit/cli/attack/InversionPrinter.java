package org.dpaudit.cli.attack;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.core.InvalidInputException;
import org.dpaudit.trainers.engine.DeviceChoice;

/** Runs model inversion and prints its summary (filled in by the inversion attack). */
final class InversionPrinter {
  private final PrintWriter out;
  private final PrintWriter err;

  InversionPrinter(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  int run(Path run, DeviceChoice device, Long seed) {
    throw new InvalidInputException("model inversion is not available yet");
  }

  int ok() {
    return ExitCodes.OK;
  }
}
