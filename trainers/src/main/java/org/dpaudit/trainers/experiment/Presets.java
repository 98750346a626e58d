package org.dpaudit.trainers.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.InvalidInputException;

/**
 * The presets shipped with dpaudit (resources {@code presets/<name>.json}, listed in {@code
 * presets/index.txt}), or a preset file given by path.
 */
public final class Presets {
  private static final String DIR = "presets/";

  private Presets() {}

  /** The shipped presets' names, in index order. */
  public static List<String> names() {
    return Arrays.stream(resource("index.txt").split("\n")).map(String::trim)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
  }

  /** The shipped preset {@code name}, or the preset file at that path when it ends in .json. */
  public static ExperimentPreset load(String nameOrFile) {
    if (nameOrFile.endsWith(".json")) {
      Path p = Path.of(nameOrFile);
      try {
        return ExperimentPreset.parse(Files.readString(p, StandardCharsets.UTF_8), p.toString());
      } catch (IOException e) {
        throw new InvalidInputException("cannot read preset file " + p + ": " + e.getMessage());
      }
    }
    if (!names().contains(nameOrFile)) {
      throw new InvalidInputException("unknown preset '" + nameOrFile + "'; choose one of " + String.join(", ", names())
          + ", or give a preset .json file");
    }
    ExperimentPreset p = ExperimentPreset.parse(resource(nameOrFile + ".json"), "preset " + nameOrFile);
    if (!p.name().equals(nameOrFile)) {
      throw new ArtifactException("preset file " + nameOrFile + ".json names itself " + p.name());
    }
    return p;
  }

  private static String resource(String file) {
    try (InputStream in = Presets.class.getResourceAsStream(DIR + file)) {
      if (in == null) {
        throw new ArtifactException("missing resource " + DIR + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ArtifactException("cannot read resource " + DIR + file + ": " + e.getMessage(), e);
    }
  }
}
