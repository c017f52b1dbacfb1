package io.flashbank.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** A receipt is read once, at the gateway, and refused by field name when a node answers something malformed. */
class TransactionReceiptTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String H = "0x" + "cd".repeat(32);

    private static ObjectNode receipt() throws Exception {
        return (ObjectNode) JSON.readTree("{\"transactionHash\":\"" + H + "\",\"blockNumber\":\"0x2a\",\"blockHash\":\"" + H
                + "\",\"status\":\"0x0\",\"gasUsed\":\"0x30d40\",\"effectiveGasPrice\":\"0x3b9aca00\",\"logs\":[{\"address\":\"0x"
                + "AB".repeat(20) + "\",\"topics\":[\"" + H + "\"],\"data\":\"0x\",\"blockNumber\":\"0x2a\",\"blockHash\":\"" + H
                + "\",\"transactionHash\":\"" + H + "\",\"logIndex\":\"0x0\"}]}");
    }

    @Test
    void readsWhereItWasMinedWhatItPaidAndItsLogs() throws Exception {
        TransactionReceipt r = TransactionReceipt.parse(receipt());
        assertThat(r.blockNumber()).isEqualTo(42);
        assertThat(r.succeeded()).isFalse();
        assertThat(r.gasUsed()).isEqualTo(200_000);
        assertThat(r.gasCost()).isEqualTo(BigInteger.valueOf(200_000L * 1_000_000_000L));
        assertThat(r.logs()).singleElement().satisfies(l -> assertThat(l.address()).isEqualTo("0x" + "ab".repeat(20)));
    }

    @Test
    void refusesAMalformedReceiptNamingTheField() throws Exception {
        assertThatThrownBy(() -> TransactionReceipt.parse(receipt().put("status", "0x2"))).hasMessageContaining("'status'");
        assertThatThrownBy(() -> TransactionReceipt.parse(receipt().put("gasUsed", "12"))).hasMessageContaining("'gasUsed'");
        assertThatThrownBy(() -> TransactionReceipt.parse(receipt().put("logs", "none"))).hasMessageContaining("'logs'");
        assertThatThrownBy(() -> TransactionReceipt.parse(JSON.nullNode())).hasMessageContaining("receipt object");
    }
}
