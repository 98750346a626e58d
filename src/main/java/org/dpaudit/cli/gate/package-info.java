/** {@code dpaudit gate}: the CI privacy gate. */
package org.dpaudit.cli.gate;
