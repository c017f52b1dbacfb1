package io.flashbank.execute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashbank.chain.RpcException;
import io.flashbank.devnet.Artifacts;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Hash;
import org.junit.jupiter.api.Test;

class RevertReasonTest {
    // Each vector from `cast calldata "<signature>" <args>`.
    private static final String INSUFFICIENT_PROFIT = "0x653406a4ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffcfc7"
            + "00000000000000000000000000000000000000000000000000000000000003e8";
    private static final String ERROR_STRING = "0x08c379a0" + "0000000000000000000000000000000000000000000000000000000000000020"
            + "0000000000000000000000000000000000000000000000000000000000000025"
            + "556e697377617056323a20494e53554646494349454e545f4f55545055545f414d4f554e54000000000000000000000000000000000000000000000000000000";

    @Test
    void decodesInsufficientProfitWithItsSignedShortfall() {
        assertThat(RevertReason.decode(INSUFFICIENT_PROFIT)).isEqualTo("InsufficientProfit(-12345, 1000)");
    }

    @Test
    void decodesSolidityErrorStrings() {
        assertThat(RevertReason.decode(ERROR_STRING)).isEqualTo("Error(\"UniswapV2: INSUFFICIENT_OUTPUT_AMOUNT\")");
    }

    @Test
    void decodesFlashBankErrorsPanicsAndAddresses() {
        assertThat(RevertReason.decode("0xa17e11d5" + "00000000000000000000000000000000000000000000000000000000000001f4"
                + "00000000000000000000000000000000000000000000000000000000000001f3")).isEqualTo("InsufficientLiquidity(500, 499)");
        assertThat(RevertReason.decode("0x4e487b710000000000000000000000000000000000000000000000000000000000000011")).isEqualTo("Panic(0x11)");
        assertThat(RevertReason.decode("0x245aecd300000000000000000000000070997970c51812dc3a010c7d01b50e0d17dc79c8"))
                .isEqualTo("NotOwner(0x70997970c51812dc3a010c7d01b50e0d17dc79c8)");
        assertThat(RevertReason.decode("0xea60ab1d")).isEqualTo("EmptyRoute()");
    }

    @Test
    void namesUnknownMissingAndTruncatedData() {
        assertThat(RevertReason.decode("0x")).isEqualTo("reverted without data");
        assertThat(RevertReason.decode("0xdeadbeef00")).isEqualTo("custom error 0xdeadbeef with 1 bytes of arguments");
        assertThat(RevertReason.decode("0x653406a4")).isEqualTo("InsufficientProfit(int256,uint256) with truncated arguments");
    }

    @Test
    void readsTheRevertDataOutOfANodeErrorAsTheChainClientReportsIt() {
        RpcException revert = new RpcException("eth_call failed on ws://127.0.0.1:1: execution reverted: custom error 0x653406a4 (data "
                + INSUFFICIENT_PROFIT + ")", true);
        assertThat(RevertReason.of(revert)).isEqualTo("InsufficientProfit(-12345, 1000)");
        RpcException quoted = new RpcException("eth_estimateGas failed on ws://x: execution reverted (data \"0xea60ab1d\")", true);
        assertThat(RevertReason.of(quoted)).isEqualTo("EmptyRoute()");
        RpcException transport = new RpcException("eth_call timed out after 10000 ms on ws://x");
        assertThat(RevertReason.dataOf(transport)).isEmpty();
        assertThat(RevertReason.of(transport)).isEqualTo("eth_call timed out after 10000 ms on ws://x");
    }

    @Test
    void knowsEveryErrorTheCompiledFlashBankAndExecutorInterfacesDeclare() throws Exception {
        for (String artifact : List.of("IFlashBank.sol/IFlashBank.json", "IArbitrageExecutor.sol/IArbitrageExecutor.json")) {
            JsonNode abi = new ObjectMapper().readTree(Artifacts.locate().contractsDir().resolve("out").resolve(artifact).toFile())
                    .path("abi");
            assertThat(abi.isArray()).as("compiled ABI of %s (forge build)", artifact).isTrue();
            for (JsonNode entry : abi) {
                if (!entry.path("type").asText().equals("error")) {
                    continue;
                }
                List<String> types = new ArrayList<>();
                entry.path("inputs").forEach(input -> types.add(input.path("type").asText()));
                String signature = entry.path("name").asText() + "(" + String.join(",", types) + ")";
                String data = Hash.sha3String(signature).substring(0, 10) + "0".repeat(64 * types.size());
                assertThat(RevertReason.decode(data)).as("%s from %s", signature, artifact)
                        .startsWith(entry.path("name").asText() + "(");
            }
        }
    }
}
