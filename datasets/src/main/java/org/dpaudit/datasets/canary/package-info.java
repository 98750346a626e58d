/** Canaries for one-run privacy audits: construction and inclusion. */
package org.dpaudit.datasets.canary;
