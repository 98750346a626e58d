/** The tensor engine and device selection (CPU or CUDA), offline by default. */
package org.dpaudit.trainers.engine;
