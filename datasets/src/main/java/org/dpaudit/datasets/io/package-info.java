/**
 * File-format readers (IDX, CIFAR-10 binary, CSV). Each turns every defect into one
 * {@link org.dpaudit.core.InvalidInputException} line that names the file and the problem.
 */
package org.dpaudit.datasets.io;
