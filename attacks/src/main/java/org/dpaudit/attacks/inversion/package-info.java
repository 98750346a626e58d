/** Model inversion (Fredrikson et al. 2015) and the image metrics that judge it. */
package org.dpaudit.attacks.inversion;
