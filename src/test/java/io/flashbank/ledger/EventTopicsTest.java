package io.flashbank.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashbank.devnet.CompiledAbi;
import org.junit.jupiter.api.Test;

/** The ledger's hand-typed event signatures are the ones FlashBank and the ArbitrageExecutor compile to. */
class EventTopicsTest {
    @Test
    void everyTopicTheIndexerFollowsMatchesTheCompiledContracts() {
        CompiledAbi bank = CompiledAbi.forge("FlashBank");
        assertThat(EventDecoder.COMMITTED).isEqualTo(bank.eventTopic("Committed"));
        assertThat(EventDecoder.PROVIDER_PRUNED).isEqualTo(bank.eventTopic("ProviderPruned"));
        assertThat(EventDecoder.FLASH_LOAN).isEqualTo(bank.eventTopic("FlashLoan"));
        assertThat(EventDecoder.PROFITS_WITHDRAWN).isEqualTo(bank.eventTopic("ProfitsWithdrawn"));
        assertThat(EventDecoder.EXECUTED).isEqualTo(CompiledAbi.forge("ArbitrageExecutor").eventTopic("Executed"));
    }
}
