/**
 * Fetching datasets into the cache ({@code $DPAUDIT_HOME}, default {@code ~/.dpaudit}) from
 * ordered sources, each file verified against a pinned SHA-256 of its uncompressed bytes.
 */
package org.dpaudit.datasets.fetch;
