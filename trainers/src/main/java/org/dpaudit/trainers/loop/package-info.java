/** The common training loop, its configuration records, sampling and evaluation. */
package org.dpaudit.trainers.loop;
