/**
 * The auditor's own test: run the bounds many times on mechanisms whose epsilon is known exactly,
 * and check that the lower bound exceeds the truth in at most the stated fraction of trials
 * (coverage), how close it gets (tightness), and that a mechanism releasing more than it claims is
 * caught. No public auditing tool ships this check (DESIGN §8; research/anchors-features.md §4).
 */
package org.dpaudit.audit.selftest;
