package io.flashbank.execute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashbank.rank.RouteHop;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutorAbiTest {
    private static final String LENDER = "0x1111111111111111111111111111111111111111";
    private static final String TOKEN = "0x2222222222222222222222222222222222222222";
    private static final String LOW = "0x0000000000000000000000000000000000000a0a";
    private static final String HIGH = "0xffffffffffffffffffffffffffffffffffffffff";

    @Test
    void selectorIsTheAuthorsOne() {
        assertThat(ExecutorAbi.EXECUTE_SELECTOR).isEqualTo("0x801e4835");
        assertThat(ExecutorAbi.EXECUTED_TOPIC).isEqualTo("0xc62c10a96971ea1b9e460923a96f44a6c91d109aeb8efb9cf3c6eca752941a95");
    }

    @Test
    void encodesProvidersAndRouteTuplesAsCastDoes() {
        // cast calldata "execute(address,address,uint256,address[],(address,bool)[],uint256)" 0x11.. 0x22.. 123456789
        //   "[0x33..,0x44..]" "[(0x55..,true),(0x66..,false)]" 1000
        String cast = "0x801e4835" + word("1111111111111111111111111111111111111111") + word("2222222222222222222222222222222222222222")
                + word("75bcd15") + word("c0") + word("120") + word("3e8") + word("2") + word("3333333333333333333333333333333333333333")
                + word("4444444444444444444444444444444444444444") + word("2") + word("5555555555555555555555555555555555555555")
                + word("1") + word("6666666666666666666666666666666666666666") + word("0");
        // 0x55.. is swapped from the lower token (sells token0), 0x66.. from the higher one.
        List<RouteHop> route = List.of(new RouteHop(1, "0x5555555555555555555555555555555555555555", LOW, HIGH),
                new RouteHop(1, "0x6666666666666666666666666666666666666666", HIGH, LOW));
        String data = ExecutorAbi.execute(LENDER, TOKEN, BigInteger.valueOf(123456789),
                List.of("0x3333333333333333333333333333333333333333", "0x4444444444444444444444444444444444444444"), route, BigInteger.valueOf(1000));
        assertThat(data).isEqualTo(cast);
    }

    @Test
    void encodesAnEmptyProviderListForAProRataLoanAsCastDoes() {
        // cast calldata ... 5 "[]" "[(0x55..,false),(0x66..,true),(0x77..,true)]" 0
        String cast = "0x801e4835" + word("1111111111111111111111111111111111111111") + word("2222222222222222222222222222222222222222")
                + word("5") + word("c0") + word("e0") + word("0") + word("0") + word("3")
                + word("5555555555555555555555555555555555555555") + word("0") + word("6666666666666666666666666666666666666666") + word("1")
                + word("7777777777777777777777777777777777777777") + word("1");
        String mid = "0x0000000000000000000000000000000000000b0b";
        List<RouteHop> route = List.of(new RouteHop(1, "0x5555555555555555555555555555555555555555", HIGH, LOW),
                new RouteHop(1, "0x6666666666666666666666666666666666666666", LOW, mid),
                new RouteHop(1, "0x7777777777777777777777777777777777777777", mid, HIGH));
        assertThat(ExecutorAbi.execute(LENDER, TOKEN, BigInteger.valueOf(5), List.of(), route, BigInteger.ZERO)).isEqualTo(cast);
    }

    @Test
    void readsTheExecutedEventOfTheExecutorOnly() throws Exception {
        String executor = "0x9999999999999999999999999999999999999999";
        String data = "0x" + word("de0b6b3a7640000") + word("5af3107a4000") + word("2386f26fc10000");
        JsonNode receipt = new ObjectMapper().readTree("{\"logs\":["
                + "{\"address\":\"0x8888888888888888888888888888888888888888\",\"topics\":[\"" + ExecutorAbi.EXECUTED_TOPIC + "\",\"0x"
                + word("1") + "\",\"0x" + word("2") + "\"],\"data\":\"" + data + "\"},"
                + "{\"address\":\"" + executor + "\",\"topics\":[\"" + ExecutorAbi.EXECUTED_TOPIC + "\",\"0x"
                + word("1111111111111111111111111111111111111111") + "\",\"0x" + word("2222222222222222222222222222222222222222")
                + "\"],\"data\":\"" + data + "\"}]}");
        ExecutorAbi.Executed executed = ExecutorAbi.executed(io.flashbank.chain.Receipts.of(receipt), executor).orElseThrow();
        assertThat(executed.lender()).isEqualTo(LENDER);
        assertThat(executed.token()).isEqualTo(TOKEN);
        assertThat(executed.amount()).isEqualTo(BigInteger.TEN.pow(18));
        assertThat(executed.fee()).isEqualTo(BigInteger.TEN.pow(14));
        assertThat(executed.profit()).isEqualTo(BigInteger.TEN.pow(16));
        assertThat(ExecutorAbi.executed(io.flashbank.chain.Receipts.of(receipt), "0x7777777777777777777777777777777777777777")).isEmpty();
    }

    @Test
    void decodesAnAddressArrayReturnValue() {
        String hex = "0x" + word("20") + word("2") + word("3333333333333333333333333333333333333333") + word("aAaA000000000000000000000000000000000001");
        assertThat(ExecutorAbi.addresses(hex)).containsExactly("0x3333333333333333333333333333333333333333",
                "0xaaaa000000000000000000000000000000000001");
    }

    private static String word(String hex) {
        return "0".repeat(64 - hex.length()) + hex.toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void theExecuteSelectorAndTheExecutedTopicAreTheCompiledContracts() {
        io.flashbank.devnet.CompiledAbi executor = io.flashbank.devnet.CompiledAbi.forge("ArbitrageExecutor");
        assertThat(ExecutorAbi.EXECUTE_SIGNATURE).isEqualTo(executor.signature("function", "execute"));
        assertThat(ExecutorAbi.EXECUTE_SELECTOR).isEqualTo(executor.selector("execute"));
        assertThat(ExecutorAbi.EXECUTED_TOPIC).isEqualTo(executor.eventTopic("Executed"));
    }
}
