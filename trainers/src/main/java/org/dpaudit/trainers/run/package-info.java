/** Training runs end to end: configuration to {@code run.json}, the model and checkpoints. */
package org.dpaudit.trainers.run;
