package org.dpaudit.cli.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.dpaudit.core.io.Json;
import org.dpaudit.core.io.RunLayout;
import org.dpaudit.core.io.Sha256;

/** A fault case's own directory, with the edits cases make to the files in it. */
final class Ctx {
  private final Path dir;

  Ctx(Path dir) {
    this.dir = dir;
  }

  /** The case's directory. */
  Path dir() {
    return dir;
  }

  /** The run copied into it ({@code run/}). */
  Path run() {
    return dir.resolve("run");
  }

  /** {@code rel} inside the case's directory. */
  Path path(String rel) {
    return dir.resolve(rel);
  }

  /** {@code args} with {@code {dir}} and {@code {run}} replaced. */
  String[] resolve(List<String> args) {
    return args.stream().map(a -> a.replace("{run}", run().toString()).replace("{dir}", dir.toString()))
        .toArray(String[]::new);
  }

  void write(String rel, String text) {
    try {
      Path p = path(rel);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String read(String rel) {
    try {
      return Files.readString(path(rel), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void editText(String rel, UnaryOperator<String> edit) {
    String before = read(rel);
    String after = edit.apply(before);
    if (after.equals(before)) {
      throw new IllegalStateException("the edit of " + rel + " changed nothing");
    }
    write(rel, after);
  }

  /** Edits the JSON file {@code rel} as a tree (written back as dpaudit writes JSON). */
  void editJson(String rel, Consumer<ObjectNode> edit) {
    ObjectNode tree = (ObjectNode) Json.readTree(path(rel));
    edit.accept(tree);
    write(rel, Json.write(tree));
  }

  /** The node at a dotted path of a JSON object (for edits). */
  static ObjectNode at(ObjectNode root, String dotted) {
    JsonNode n = root;
    for (String k : dotted.split("\\.")) {
      n = n.get(k);
    }
    return (ObjectNode) n;
  }

  void flipByte(String rel, long offset) {
    try {
      byte[] b = Files.readAllBytes(path(rel));
      int i = (int) Math.min(offset, b.length - 1);
      b[i] ^= 0x01;
      Files.write(path(rel), b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void delete(String rel) {
    try {
      Path p = path(rel);
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(q);
          }
        }
      } else {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void copy(String fromRel, String toRel) {
    try {
      Files.createDirectories(path(toRel).getParent());
      Files.copy(path(fromRel), path(toRel), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every file and directory under the case's directory with its SHA-256 (directories: "dir"),
   * except the runs' lock files, whose content is the last holder's process id.
   */
  Map<String, String> snapshot() {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(p -> !p.equals(dir)).toList()) {
        if (p.getFileName().toString().equals(RunLayout.LOCK)) {
          continue;
        }
        out.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "dir" : Sha256.of(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
