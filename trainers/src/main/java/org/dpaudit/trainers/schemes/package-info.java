/**
 * The DP training schemes, each a small {@link org.dpaudit.trainers.schemes.DpScheme} strategy in
 * the one training loop.
 */
package org.dpaudit.trainers.schemes;
