/**
 * Real data for dpaudit: readers for IDX (MNIST, Fashion-MNIST), CIFAR-10 binary and CSV tables;
 * fetching with pinned SHA-256 checksums into a cache; deterministic, disjoint membership splits;
 * and the {@link org.dpaudit.core.provenance.DatasetCard} that travels into every artifact.
 *
 * <p>This module is engine-free too: datasets are plain arrays, and the trainers turn batches into
 * tensors.
 */
package org.dpaudit.datasets;
