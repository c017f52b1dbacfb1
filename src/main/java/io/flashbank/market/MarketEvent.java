package io.flashbank.market;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/** What the chain side tells the scan: pools found, reserves changed by a block, gas prices moved. */
public sealed interface MarketEvent {
    /** The chain the event comes from. */
    long chainId();

    /** Pools discovered on a chain (the start-up snapshot, then each PairCreated), with their reserves. */
    record PoolsDiscovered(long chainId, List<PoolState> pools) implements MarketEvent {
        public PoolsDiscovered {
            pools = List.copyOf(pools);
            for (PoolState state : pools) {
                if (state.pool().chainId() != chainId) {
                    throw new IllegalArgumentException("pool " + state.pool().address() + " is not on chain " + chainId);
                }
            }
        }
    }

    /**
     * The new reserves of the pools a canonical block changed (from its Sync logs), or the reserves re-read
     * after a reorg replaced blocks; {@code changed} holds each pool at most once, with its last state.
     */
    record ReservesChanged(long chainId, long blockNumber, List<PoolState> changed) implements MarketEvent {
        public ReservesChanged {
            changed = List.copyOf(changed);
        }
    }

    /** The gas price a transaction on this chain would pay now (base fee plus tip), in wei. */
    record GasPriceChanged(long chainId, long blockNumber, BigInteger gasPriceWei) implements MarketEvent {
        public GasPriceChanged {
            Objects.requireNonNull(gasPriceWei, "gasPriceWei");
            if (gasPriceWei.signum() < 0) {
                throw new IllegalArgumentException("gas price must not be negative");
            }
        }
    }
}
