package org.dpaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Source rules the whole project keeps, checked by scanning every module's main sources.
 *
 * <ul>
 *   <li>Only {@code org.dpaudit.core.random} and the trainers' {@code NoiseSource} may create random
 *       generators: a stray {@code new Random()} or DJL global RNG would silently make DP noise or
 *       Poisson sampling predictable, or a seeded run irreproducible.
 *   <li>{@code core} never imports DJL.
 * </ul>
 */
class ArchitectureTest {
  private static final Pattern FORBIDDEN_RANDOM = Pattern.compile(
      "new\\s+(java\\.util\\.)?Random\\s*\\(|Math\\.random\\s*\\(|ThreadLocalRandom|RandomUtils|RandomSampler"
          + "|\\.random(Normal|Uniform|Integer|Permutation)\\s*\\(|truncatedNormal\\s*\\(|nextGaussian\\s*\\("
          + "|new\\s+SecureRandom\\s*\\(|SecureRandom\\.getInstance|RandomGeneratorFactory|Engine\\.setRandomSeed"
          + "|MathEx\\.setSeed");

  private static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    return Files.exists(p.resolve("core/pom.xml")) ? p : p.getParent();
  }

  private static List<Path> mainSources() throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(repoRoot())) {
      walk.filter(f -> f.toString().endsWith(".java"))
          .filter(f -> f.toString().contains("/main/java/"))
          .filter(f -> !f.toString().contains("/target/"))
          .forEach(out::add);
    }
    return out;
  }

  @Test
  void onlyTheRandomnessRoot_createsGenerators() throws IOException {
    List<String> offenders = new ArrayList<>();
    List<Path> sources = mainSources();
    assertTrue(sources.size() > 10, "found too few sources to scan: " + sources.size());
    for (Path f : sources) {
      String s = f.toString();
      if (s.contains("/org/dpaudit/core/random/") || s.endsWith("/NoiseSource.java")) {
        continue;
      }
      List<String> lines = Files.readAllLines(f);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (!line.trim().startsWith("*") && !line.trim().startsWith("//") && FORBIDDEN_RANDOM.matcher(line).find()) {
          offenders.add(repoRoot().relativize(f) + ":" + (i + 1) + ": " + line.trim());
        }
      }
    }
    assertEquals(List.of(), offenders, "random generators must come from org.dpaudit.core.random.Randomness");
  }

  @Test
  void scanner_catchesAStrayGenerator() {
    assertTrue(FORBIDDEN_RANDOM.matcher("double u = new Random(3).nextDouble();").find());
    assertTrue(FORBIDDEN_RANDOM.matcher("NDArray n = manager.randomNormal(shape);").find());
    assertTrue(FORBIDDEN_RANDOM.matcher("x = rng.nextGaussian();").find());
  }

  @Test
  void core_neverImportsDjl() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (Path f : mainSources()) {
      if (f.toString().contains("/core/src/main/java/") && Files.readString(f).contains("import ai.djl")) {
        offenders.add(f.toString());
      }
    }
    assertEquals(List.of(), offenders);
  }
}
