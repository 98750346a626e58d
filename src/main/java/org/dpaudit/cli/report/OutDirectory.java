package org.dpaudit.cli.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code --out} of {@code report} and {@code compare}: always a directory, as for every other
 * command, with the HTML file written inside it under a fixed name. A path that is a file, or ends in
 * {@code .html}, is what the option took before; it gets one line saying what to give instead,
 * rather than a directory called {@code dp.html}.
 */
final class OutDirectory {
  private OutDirectory() {}

  /**
   * The file to write: {@code out/fileName}, or {@code defaultDir/fileName} when {@code out} is
   * null; the directory is made, if missing, when the file is written.
   */
  static Path target(CommandLine cmd, Path out, Path defaultDir, String fileName) {
    if (out == null) {
      return defaultDir.resolve(fileName);
    }
    if (Files.isRegularFile(out)) {
      throw new ParameterException(cmd, "--out is a directory (" + fileName + " is written inside it); " + out
          + " is a file: give a directory, e.g. --out " + suggestion(out));
    }
    String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".html") && !Files.isDirectory(out)) {
      throw new ParameterException(cmd, "--out is a directory (" + fileName + " is written inside it), not an HTML "
          + "file: give e.g. --out " + suggestion(out) + " to write " + Path.of(suggestion(out)).resolve(fileName));
    }
    // made when the file is written (AtomicFiles), so a command that fails first leaves nothing behind
    return out.resolve(fileName);
  }

  /** {@code runs/dp.html} becomes {@code runs/dp}. */
  private static String suggestion(Path out) {
    String s = out.toString();
    int dot = s.lastIndexOf('.');
    return dot > 0 && s.lastIndexOf('/') < dot ? s.substring(0, dot) : s + "-dir";
  }
}
