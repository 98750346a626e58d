package org.dpaudit.core.io;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.dpaudit.core.InvalidInputException;

/**
 * The checks every file a user names (or a run directory holds) passes before it is read: it exists,
 * is a regular file (not a directory, {@code /dev/zero}, a pipe), is readable and is not larger than
 * what the reader can hold. Without them a device file is read until the heap runs out, and the user
 * gets an {@code OutOfMemoryError} where one line would do.
 */
public final class InputFiles {
  /** The largest JSON file dpaudit reads (run.json, attack records, policies): far above any it writes. */
  public static final long MAX_JSON_BYTES = 256L << 20;

  private InputFiles() {}

  /** {@code file}, after checking it is a readable regular file. */
  public static Path requireRegular(Path file) {
    if (file.toString().isEmpty()) {
      throw new InvalidInputException("an empty path is not a file");
    }
    if (!Files.exists(file)) {
      throw new InvalidInputException(file + ": no such file");
    }
    if (Files.isDirectory(file)) {
      throw new InvalidInputException(file + ": is a directory, not a file");
    }
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(file + ": not a regular file (a device, pipe or socket cannot be read as data)");
    }
    if (!Files.isReadable(file)) {
      throw new InvalidInputException(file + ": not readable (permission denied)");
    }
    return file;
  }

  /** {@code file}'s text (UTF-8), after the checks, refusing files over {@code maxBytes}. */
  public static String readString(Path file, long maxBytes) {
    requireRegular(file);
    try {
      long size = Files.size(file);
      if (size > maxBytes) {
        throw new InvalidInputException(file + ": " + size + " bytes, more than the " + maxBytes
            + " this file may have");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new InvalidInputException(file + ": not readable (permission denied)");
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(file + ": not UTF-8 text");
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")");
    }
  }
}
