/**
 * dpaudit's independent training tasks on Apache Spark: one task trains one shadow model ({@link
 * org.dpaudit.spark.SparkShadowTrainer}) or one experiment cell ({@link
 * org.dpaudit.spark.SparkCellTrainer}) with DJL on its executor and sends back only what the driver
 * needs. Each task's randomness is the run's named stream for its index, so the answer is the same
 * in-process, in {@code local[N]} and on a cluster, and a retried task changes nothing.
 */
package org.dpaudit.spark;
