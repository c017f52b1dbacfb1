package io.flashbank.ledger;

import java.util.List;

/**
 * What applying the migrations did.
 *
 * @param applied the versions applied by this call, in order (empty when the schema was already current)
 * @param current the schema version afterwards
 */
public record MigrationResult(List<Integer> applied, int current) {
    public MigrationResult {
        applied = List.copyOf(applied);
        if (current < 0) {
            throw new IllegalArgumentException("current must not be negative, got " + current);
        }
    }
}
