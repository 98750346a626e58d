package org.dpaudit.audit.canary;

/**
 * Where the canaries' inclusion bits come from. {@link CanaryAuditor} asks for them once, after the
 * guesses are committed; nothing else in the audit reads them.
 */
@FunctionalInterface
public interface InclusionSource {
  /** The bits, one per canary: whether it was included in training. */
  boolean[] read();
}
