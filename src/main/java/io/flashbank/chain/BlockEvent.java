package io.flashbank.chain;

import java.util.List;

/** What following one chain's head yields: canonical blocks in order, and reorgs that replaced some. */
public sealed interface BlockEvent {
    /** A block that is now canonical, with its logs of interest, emitted exactly once and in order. */
    record Canonical(ChainBlock header, List<ChainLog> logs, boolean backfilled) implements BlockEvent {
        public Canonical {
            logs = List.copyOf(logs);
        }
    }

    /** The blocks after {@code ancestor} that were emitted earlier and are no longer canonical, newest last. */
    record Reorged(ChainBlock ancestor, List<ChainBlock> orphaned) implements BlockEvent {
        public Reorged {
            orphaned = List.copyOf(orphaned);
        }
    }
}
