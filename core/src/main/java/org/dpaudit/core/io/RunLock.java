package org.dpaudit.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.dpaudit.core.ArtifactException;
import org.dpaudit.core.InvalidInputException;

/**
 * One writer per run directory: an operating-system lock on {@code <run>/.dpaudit.lock}, held by
 * every command that writes into the run (train, import, attack, audit, gate, report) for as long as
 * it runs.
 *
 * <p>Without it two {@code train} processes on one {@code --out} both succeed and leave a directory
 * with one model from each, and an attack racing a retraining reads half of each. The lock is the
 * kernel's ({@link FileChannel#tryLock()}, {@code fcntl} on Linux), so it is released when the
 * process dies, even by {@code kill -9}: a stale lock file never blocks anyone. The file holds the
 * holder's process id and command, so the second process can say who it is waiting for ("run X is
 * in use by process N"). It never waits: a second writer is an error, not a queue.
 *
 * <p>Within one JVM the lock is re-entrant for the thread that holds it (the audit runs the loss
 * attack, which locks the same run again); another thread of the same JVM is refused like another
 * process. The lock file is never deleted: deleting it would let a second process lock a new file
 * while the first still holds the old one.
 */
public final class RunLock implements AutoCloseable {
  /** The lock file's name inside a run directory. */
  public static final String FILE = RunLayout.LOCK;

  private static final Map<Path, Held> HELD = new HashMap<>();
  private static volatile String holderName = "dpaudit";

  private final Path key;
  private boolean closed;

  private RunLock(Path key) {
    this.key = key;
  }

  /** What this process writes into the lock files it holds, e.g. {@code dpaudit train}. */
  public static void describeHolder(String name) {
    holderName = name;
  }

  private static final class Held {
    final Thread owner;
    final FileChannel channel;
    final FileLock lock;
    int count = 1;

    Held(Thread owner, FileChannel channel, FileLock lock) {
      this.owner = owner;
      this.channel = channel;
      this.lock = lock;
    }
  }

  /**
   * Locks the existing directory {@code runDir} for writing, or fails at once with "run X is in use
   * by process N".
   */
  public static RunLock acquire(Path runDir) {
    if (!Files.isDirectory(runDir)) {
      throw new ArtifactException(runDir + ": no such run directory");
    }
    Path key;
    try {
      key = runDir.toRealPath();
    } catch (IOException e) {
      throw new ArtifactException(runDir + ": cannot resolve (" + e.getMessage() + ")", e);
    }
    synchronized (HELD) {
      Held h = HELD.get(key);
      if (h != null) {
        if (h.owner != Thread.currentThread()) {
          throw inUse(runDir, ProcessHandle.current().pid() + " (" + holderName + ", another task of this process)");
        }
        h.count++;
        return new RunLock(key);
      }
      HELD.put(key, lockFile(runDir, key));
      return new RunLock(key);
    }
  }

  private static Held lockFile(Path runDir, Path key) {
    Path file = key.resolve(FILE);
    FileChannel ch = null;
    try {
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        String holder = holderOnceWritten(ch);
        ch.close();
        throw inUse(runDir, holder);
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + " " + holderName + "\n")
          .getBytes(StandardCharsets.UTF_8)), 0);
      ch.force(false);
      return new Held(Thread.currentThread(), ch, lock);
    } catch (IOException e) {
      closeQuietly(ch);
      throw new ArtifactException("cannot lock " + runDir + " (" + e.getMessage() + "); is the directory writable?",
          e);
    }
  }

  private static InvalidInputException inUse(Path runDir, String holder) {
    return new InvalidInputException("run " + runDir + " is in use by process " + holder
        + "; wait for it to finish (one command at a time may write a run)");
  }

  /**
   * The holder as {@link #holder} reads it, waiting up to about 200 ms for a holder that has taken
   * the lock but not yet written its process id (a window between the two that a second command
   * started at the same moment can fall into).
   */
  private static String holderOnceWritten(FileChannel ch) throws IOException {
    String holder = holder(ch);
    for (int i = 0; i < 20 && holder.startsWith("(unknown"); i++) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      holder = holder(ch);
    }
    return holder;
  }

  /** "pid (command)" from the lock file, or "another process" when it says nothing readable. */
  private static String holder(FileChannel ch) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(256);
    int n = ch.read(buf, 0);
    String text = n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.UTF_8).strip();
    int space = text.indexOf(' ');
    if (text.isEmpty() || space < 0 || !text.substring(0, space).matches("\\d+")) {
      return "(unknown: another process holds the lock)";
    }
    return text.substring(0, space) + " (" + text.substring(space + 1).lines().findFirst().orElse("") + ")";
  }

  /** Releases this hold; the operating-system lock goes when the last re-entrant hold does. */
  @Override
  public void close() {
    synchronized (HELD) {
      if (closed) {
        return;
      }
      closed = true;
      Held h = HELD.get(key);
      if (h == null || --h.count > 0) {
        return;
      }
      HELD.remove(key);
      try {
        h.lock.release();
      } catch (IOException ignored) {
        // closing the channel below releases it too
      }
      closeQuietly(h.channel);
    }
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch == null) {
      return;
    }
    try {
      ch.close();
    } catch (IOException ignored) {
      // the process's locks go with its file descriptors
    }
  }
}
