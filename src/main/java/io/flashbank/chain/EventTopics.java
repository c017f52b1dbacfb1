package io.flashbank.chain;

import java.math.BigInteger;
import java.util.Locale;
import org.web3j.crypto.Hash;

/** The Uniswap V2 events the engine reads from logs, and their decoding. */
final class EventTopics {
    static final String SYNC = Hash.sha3String("Sync(uint112,uint112)");
    static final String PAIR_CREATED = Hash.sha3String("PairCreated(address,address,address,uint256)");

    private EventTopics() {
    }

    /** Reserves from a Sync log's data: two 32-byte words. */
    static BigInteger[] syncReserves(ChainLog log) {
        String data = log.data();
        if (log.topics().size() != 1 || data.length() != 2 + 128) {
            throw new RpcException("malformed Sync log at " + log.transactionHash() + "#" + log.logIndex());
        }
        return new BigInteger[] {new BigInteger(data.substring(2, 66), 16), new BigInteger(data.substring(66, 130), 16)};
    }

    /** (token0, token1, pair) from a PairCreated log. */
    static String[] pairCreated(ChainLog log) {
        if (log.topics().size() != 3 || log.data().length() != 2 + 128) {
            throw new RpcException("malformed PairCreated log at " + log.transactionHash() + "#" + log.logIndex());
        }
        return new String[] {word(log.topics().get(1)), word(log.topics().get(2)), word(log.data().substring(0, 66))};
    }

    private static String word(String hexWord) {
        return ("0x" + hexWord.substring(hexWord.length() - 40)).toLowerCase(Locale.ROOT);
    }
}
