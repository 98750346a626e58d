package org.dpaudit.datasets;

import java.util.Objects;
import org.dpaudit.core.provenance.DatasetCard;

/**
 * A dataset as loaded: its training and test partitions and the card that says what they are.
 *
 * @param train the training partition (members, non-members and the attacker pool come from here)
 * @param test the test partition; empty for tables that come without one
 * @param card name, source, checksums and sizes
 */
public record LoadedDataset(Dataset train, Dataset test, DatasetCard card) {
  public LoadedDataset {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(card, "card");
  }
}
