package org.dpaudit.cli.attack;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.dpaudit.attacks.inversion.InversionAttack;
import org.dpaudit.core.artifact.attack.InversionRecord;
import org.dpaudit.attacks.inversion.ModelInversion;
import org.dpaudit.cli.ExitCodes;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.trainers.engine.DeviceChoice;
import org.dpaudit.trainers.engine.Engines;

/** Runs model inversion for {@code dpaudit attack --attack inversion} and prints its summary. */
final class InversionPrinter {
  private final PrintWriter out;
  private final PrintWriter err;

  InversionPrinter(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  int run(Path run, DeviceChoice device, Long seed, boolean blackBox) {
    InversionRecord r = InversionAttack.run(run, ModelInversion.Options.defaults(blackBox), seed,
        Engines.device(device), m -> {
          err.println(m);
          err.flush();
        });
    out.printf("inversion attack on %s (%s box, %,d queries): mean SSIM to class means %.3f, mean MSE %.4f%n",
        r.target(), r.whiteBox() ? "white" : "black", r.queries(), r.meanSsim(), r.meanMse());
    out.printf("  an independent classifier (test accuracy %.1f%%) recognises %.0f%% of the reconstructions%n",
        100 * r.evaluatorTestAccuracy(), 100 * r.evaluatorAccuracy());
    out.printf("  images written to %s%n", run.resolve(RunLayout.INVERSION_DIR));
    return ExitCodes.OK;
  }
}
