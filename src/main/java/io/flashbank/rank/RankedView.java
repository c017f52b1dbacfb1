package io.flashbank.rank;

import java.util.List;

/**
 * One version of the ranked opportunities across all chains, best net profit first.
 *
 * @param version increases by one with every change (0 is the empty book)
 * @param top the ranked opportunities, at most the book's capacity
 */
public record RankedView(long version, List<Opportunity> top) {
    public RankedView {
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative, got " + version);
        }
        top = List.copyOf(top);
    }
}
