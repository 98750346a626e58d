package org.dpaudit.reports.view;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.dpaudit.core.artifact.attack.InversionRecord;
import org.dpaudit.core.io.Sha256;
import org.dpaudit.core.provenance.ArtifactRef;
import org.dpaudit.reports.Formats;
import org.dpaudit.reports.RunArtifacts;

/**
 * Builds the {@link InversionView}: the PNGs are embedded as data URIs, so the report needs no
 * image files beside it, and each is checked against the checksum the attack recorded.
 */
final class InversionViews {
  private InversionViews() {}

  static InversionView of(RunArtifacts a) {
    InversionRecord r = a.inversion();
    List<InversionView.ClassImage> classes = new ArrayList<>();
    for (InversionRecord.ClassResult c : r.classes()) {
      List<String> problems = new ArrayList<>();
      String image = dataUri(a, c.image(), problems);
      String mean = dataUri(a, c.classMean(), problems);
      classes.add(new InversionView.ClassImage(String.valueOf(c.label()), c.name(), image, mean,
          Formats.number(c.mse(), 3), Formats.rate(c.ssim()), Formats.percent(c.targetProbability()),
          String.valueOf(c.evaluatorPrediction()), c.evaluatorPrediction() == c.label(),
          problems.isEmpty() ? null : String.join("; ", problems)));
    }
    return new InversionView(r.whiteBox() ? "white-box (gradients from the model)" : "black-box (gradients estimated from queries)",
        Formats.count(r.queries()), Formats.number(r.meanMse(), 3), Formats.rate(r.meanSsim()),
        Formats.percent(r.evaluatorAccuracy()), Formats.percent(r.evaluatorTestAccuracy()), classes);
  }

  /** The file of {@code ref} as a PNG data URI, or null (with the problem noted) when unusable. */
  static String dataUri(RunArtifacts a, ArtifactRef ref, List<String> problems) {
    if (ref == null) {
      return null;
    }
    Path f = a.resolve(ref.path());
    if (!Files.isRegularFile(f)) {
      problems.add(ref.path() + " is missing");
      return null;
    }
    try {
      byte[] bytes = Files.readAllBytes(f);
      if (!ref.sha256().equals(Sha256.of(bytes))) {
        problems.add(ref.path() + " changed since the attack wrote it (checksum differs)");
      }
      return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes);
    } catch (IOException e) {
      problems.add(ref.path() + " cannot be read (" + e.getMessage() + ")");
      return null;
    }
  }
}
