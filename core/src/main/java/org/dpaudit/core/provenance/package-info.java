/**
 * Provenance: how every artifact was made, as records serialised by one mapper.
 *
 * <p>The split between configuration (what was asked for) and instance values (what was found:
 * checksums, versions, timings) follows Tribuo's provenance, done with records and Jackson rather
 * than hand-written marshalling.
 */
package org.dpaudit.core.provenance;
