package io.flashbank.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashbank.devnet.CompiledAbi;
import org.junit.jupiter.api.Test;

/** The ingestion's hand-typed Uniswap V2 event signatures are the ones the npm build of v2-core declares. */
class EventTopicsTest {
    @Test
    void syncAndPairCreatedMatchUniswapV2Core() {
        assertThat(EventTopics.SYNC).isEqualTo(CompiledAbi.uniswapV2("UniswapV2Pair").eventTopic("Sync"));
        assertThat(EventTopics.PAIR_CREATED).isEqualTo(CompiledAbi.uniswapV2("UniswapV2Factory").eventTopic("PairCreated"));
    }
}
