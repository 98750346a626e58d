/** Benchmarks users run to learn what DP costs on their hardware ({@code dpaudit bench}). */
package org.dpaudit.trainers.bench;
