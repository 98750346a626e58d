/** {@code dpaudit demo}: the end-to-end audit on real MNIST, the README's first command. */
package org.dpaudit.reports.demo;
