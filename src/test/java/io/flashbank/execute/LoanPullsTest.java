package io.flashbank.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flashbank.chain.Receipts;
import io.flashbank.chain.TransactionReceipt;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

class LoanPullsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BANK = "0x" + "fb".repeat(20);
    private static final String TOKEN = "0x" + "11".repeat(20);
    private static final String LP_A = "0x" + "aa".repeat(20);
    private static final String LP_B = "0x" + "bb".repeat(20);

    @Test
    void readsWhoLentHowMuchFromTheFlashLoanEvent() {
        TransactionReceipt receipt = receipt(log("0x" + "99".repeat(20), 4, 700, List.of(LP_A), List.of(700)), log(BANK, 4, 1_000,
                List.of(LP_B, LP_A), List.of(600, 400)));
        LoanPulls loan = LoanPulls.in(receipt, BANK.toUpperCase().replace("0X", "0x")).orElseThrow();
        assertThat(loan.token()).isEqualTo(TOKEN);
        assertThat(loan.amount()).isEqualTo(BigInteger.valueOf(1_000));
        assertThat(loan.providers()).containsExactly(LP_B, LP_A);
        assertThat(loan.pulls()).containsExactly(BigInteger.valueOf(600), BigInteger.valueOf(400));
        assertThat(loan.asPlan().total()).isEqualTo(loan.amount());
    }

    @Test
    void findsNothingInAReceiptWithoutOne() {
        assertThat(LoanPulls.in(receipt(), BANK)).isEmpty();
        assertThat(LoanPulls.in(receipt(log("0x" + "99".repeat(20), 4, 10, List.of(LP_A), List.of(10))), BANK)).isEmpty();
    }

    @Test
    void rejectsAnEventThatDoesNotAddUp() {
        assertThatThrownBy(() -> LoanPulls.in(receipt(log(BANK, 4, 1_000, List.of(LP_A, LP_B), List.of(600, 300))), BANK))
                .hasMessageContaining("sum to 900, not the amount 1000");
        assertThatThrownBy(() -> LoanPulls.in(receipt(log(BANK, 3, 10, List.of(LP_A), List.of(10))), BANK))
                .hasMessageContaining("4 topics, got 3");
        assertThatThrownBy(() -> LoanPulls.in(receipt(log(BANK, 4, 0, List.of(LP_A), List.of(0))), BANK)).hasMessageContaining("positive");
    }

    private static TransactionReceipt receipt(ObjectNode... logs) {
        ObjectNode receipt = JSON.createObjectNode();
        ArrayNode array = receipt.putArray("logs");
        for (ObjectNode log : logs) {
            array.add(log);
        }
        return Receipts.of(receipt);
    }

    private static ObjectNode log(String address, int topics, long amount, List<String> providers, List<Integer> pulls) {
        ObjectNode log = JSON.createObjectNode().put("address", address);
        ArrayNode t = log.putArray("topics");
        List<String> all = List.of(LoanPulls.FLASH_LOAN_TOPIC, word(TOKEN), word("0x" + "cc".repeat(20)), word("0x" + "dd".repeat(20)));
        all.subList(0, topics).forEach(t::add);
        List<Type> data = List.of(new Uint256(amount), new Uint256(0),
                new DynamicArray<>(Address.class, providers.stream().map(Address::new).toList()),
                new DynamicArray<>(Uint256.class, pulls.stream().map(p -> new Uint256(p)).toList()),
                new DynamicArray<>(Uint256.class, pulls.stream().map(p -> new Uint256(0)).toList()));
        return log.put("data", "0x" + FunctionEncoder.encodeConstructor(data));
    }

    private static String word(String address) {
        return "0x" + "0".repeat(24) + address.substring(2);
    }
}
