package org.dpaudit.trainers.noise;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Puts the calling thread in Linux's idle scheduling class (SCHED_IDLE): it then runs only on a
 * core nothing else wants, so background work never delays the training step's own threads.
 *
 * <p>Why: PyTorch's parallel operations wait for their slowest thread. A background thread at
 * normal priority that takes a core from one of them stalls every such operation until the
 * scheduler switches back; measured on 2 cores, 3.7 ms of noise made in the background slowed the
 * MLP's DP step by 9 ms. Java thread priorities are ignored on Linux, hence the system call (through
 * JNA, which DJL already ships). Elsewhere, or if the call fails, nothing changes: the thread runs
 * at normal priority.
 */
final class BackgroundPriority {
  private static final int SCHED_IDLE = 5;

  /**
   * The C library, loaded once: {@code Native.load} builds a new proxy every call, and loading it
   * for each call cost 55-265 microseconds a call (four calls a step, on the step's thread); null
   * where it cannot be loaded.
   */
  private static final CLibrary C = load();

  /** Whether this platform has the idle class and the C library calls to reach it. */
  static final boolean SUPPORTED = C != null;

  private BackgroundPriority() {}

  private static CLibrary load() {
    if (!Platform.isLinux()) {
      return null;
    }
    try {
      CLibrary c = Native.load("c", CLibrary.class);
      return c.gettid() > 0 ? c : null;
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      return null;
    }
  }

  /** The C library calls used (glibc 2.30 or later has gettid). */
  interface CLibrary extends Library {
    int gettid();

    int sched_setscheduler(int pid, int policy, Memory param);
  }

  private static final int SCHED_OTHER = 0;

  /** struct sched_param { int sched_priority; } = 0: only read by the call, so one serves every call. */
  private static final Memory PRIORITY_ZERO = zeroPriority();

  private static Memory zeroPriority() {
    Memory param = new Memory(4);
    param.setInt(0, 0);
    return param;
  }

  /** Best effort: true when the calling thread is now in the idle class. */
  static boolean lowerCurrentThread() {
    int tid = currentThreadId();
    return tid > 0 && setIdle(tid, true);
  }

  /** The calling thread's Linux thread id, or -1 where there is none. */
  static int currentThreadId() {
    if (!SUPPORTED) {
      return -1;
    }
    try {
      return C.gettid();
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Best effort: puts thread {@code tid} of this process in the idle class, or back in the normal
   * one (the step waiting for a block that thread is making must not wait at idle priority: on a
   * busy machine an idle-class thread hardly runs, so the block would finish only when every other
   * process on the core sleeps). True when the call succeeded.
   */
  static boolean setIdle(int tid, boolean idle) {
    if (!SUPPORTED || tid <= 0) {
      return false;
    }
    try {
      return C.sched_setscheduler(tid, idle ? SCHED_IDLE : SCHED_OTHER, PRIORITY_ZERO) == 0;
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      return false;
    }
  }
}
