package org.dpaudit.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.dpaudit.core.ArtifactException;

/** SHA-256 of files and bytes as lower-case hex, the form every {@code ArtifactRef} records. */
public final class Sha256 {
  private Sha256() {}

  /** The hex SHA-256 of {@code file}'s bytes. */
  public static String of(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return of(in);
    } catch (NoSuchFileException e) {
      throw new ArtifactException(file + ": no such file");
    } catch (IOException e) {
      throw new ArtifactException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
  }

  /** The hex SHA-256 of everything left in {@code in} (the stream is not closed). */
  public static String of(InputStream in) throws IOException {
    MessageDigest md = newDigest();
    byte[] buf = new byte[1 << 16];
    for (int n; (n = in.read(buf)) > 0; ) {
      md.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** The hex SHA-256 of {@code bytes}. */
  public static String of(byte[] bytes) {
    return HexFormat.of().formatHex(newDigest().digest(bytes));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
