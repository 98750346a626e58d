/** Optimizers and learning-rate schedules (post-processing: no privacy cost). */
package org.dpaudit.trainers.optim;
