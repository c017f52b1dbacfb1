package io.flashbank.chain;

import java.math.BigInteger;
import org.web3j.crypto.Hash;

/** The Uniswap V2 events the engine reads from logs, and their decoding (through {@link AbiWords}). */
final class EventTopics {
    static final String SYNC = Hash.sha3String("Sync(uint112,uint112)");
    static final String PAIR_CREATED = Hash.sha3String("PairCreated(address,address,address,uint256)");

    private EventTopics() {
    }

    /** Reserves from a Sync log's data: two uint112 words. */
    static BigInteger[] syncReserves(ChainLog log) {
        String what = "Sync log at " + log.transactionHash() + "#" + log.logIndex();
        if (log.topics().size() != 1) {
            throw new RpcException("malformed " + what + ": " + log.topics().size() + " topics");
        }
        AbiWords data = AbiWords.exactly(log.data(), 2, what);
        return new BigInteger[] {data.uint(0, 112), data.uint(1, 112)};
    }

    /** (token0, token1, pair) from a PairCreated log. */
    static String[] pairCreated(ChainLog log) {
        String what = "PairCreated log at " + log.transactionHash() + "#" + log.logIndex();
        if (log.topics().size() != 3) {
            throw new RpcException("malformed " + what + ": " + log.topics().size() + " topics");
        }
        AbiWords data = AbiWords.exactly(log.data(), 2, what);
        return new String[] {AbiWords.topicAddress(log.topics().get(1), what), AbiWords.topicAddress(log.topics().get(2), what),
                data.address(0)};
    }
}
