/**
 * Seed 003's optimizer in collaborative mode (Xia et al.): {@link
 * org.dpaudit.trainers.schemes.collab.CollaborativeDp}, the K workers' step both variants share, and
 * one class per variant.
 */
package org.dpaudit.trainers.schemes.collab;
