package io.flashbank.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashbank.chain.ChainLog;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

class EventDecoderTest {
    private static final String BANK = "0x" + "ba".repeat(20);
    private static final String EXECUTOR = "0x" + "ec".repeat(20);
    private static final String TOKEN = "0x" + "11".repeat(20);
    private static final String LP_A = "0x" + "aa".repeat(20);
    private static final String LP_B = "0x" + "bb".repeat(20);
    private static final String TX = "0x" + "01".repeat(32);
    private static final String BLOCK = "0x" + "02".repeat(32);
    private final EventDecoder decoder = new EventDecoder(31337, BANK, EXECUTOR);

    @Test
    void decodesACommitmentFromItsTopicsAndData() {
        LedgerEvent event = decoder.decode(log(BANK, List.of(EventDecoder.COMMITTED, topic(TOKEN), topic(LP_A)), words(5))).orElseThrow();
        assertThat(event).isEqualTo(new LedgerEvent.Committed(new LogPosition(31337, TX, 3, 7, BLOCK), TOKEN, LP_A, BigInteger.valueOf(5)));
    }

    @Test
    void decodesAFlashLoanWithEveryProvidersPullAndFeeShare() {
        LedgerEvent.FlashLoan loan = (LedgerEvent.FlashLoan) decoder.decode(flashLoan(1_000, 2, List.of(LP_A, LP_B), List.of(600L, 400L),
                List.of(2L, 0L), "")).orElseThrow();
        assertThat(loan.token()).isEqualTo(TOKEN);
        assertThat(loan.receiver()).isEqualTo(LP_B);
        assertThat(loan.initiator()).isEqualTo(EXECUTOR);
        assertThat(loan.amount()).isEqualTo(BigInteger.valueOf(1_000));
        assertThat(loan.shares()).containsExactly(new LoanShare(LP_A, BigInteger.valueOf(600), BigInteger.TWO),
                new LoanShare(LP_B, BigInteger.valueOf(400), BigInteger.ZERO));
    }

    @Test
    void decodesTheExecutorsExecutedEventButOnlyFromTheExecutor() {
        ChainLog fromExecutor = log(EXECUTOR, List.of(EventDecoder.EXECUTED, topic(BANK), topic(TOKEN)), words(100, 1, 9));
        assertThat(decoder.decode(fromExecutor)).contains(new LedgerEvent.Executed(new LogPosition(31337, TX, 3, 7, BLOCK), EXECUTOR, BANK,
                TOKEN, BigInteger.valueOf(100), BigInteger.ONE, BigInteger.valueOf(9)));
        assertThat(decoder.decode(log(BANK, fromExecutor.topics(), fromExecutor.data()))).isEmpty();
    }

    @Test
    void ignoresEventsTheLedgerDoesNotRecord() {
        String feeChanged = org.web3j.crypto.Hash.sha3String("FeeChanged(uint256,uint256)");
        assertThat(decoder.decode(log(BANK, List.of(feeChanged), words(2, 3)))).isEmpty();
        assertThat(decoder.decode(log("0x" + "99".repeat(20), List.of(EventDecoder.COMMITTED, topic(TOKEN), topic(LP_A)), words(5)))).isEmpty();
    }

    @Test
    void rejectsACommitmentWithTheWrongNumberOfTopics() {
        assertThatThrownBy(() -> decoder.decode(log(BANK, List.of(EventDecoder.COMMITTED, topic(TOKEN)), words(5))))
                .isInstanceOf(MalformedLogException.class).hasMessageContaining("expected 3 topics, got 2").hasMessageContaining(TX + "#3");
    }

    @Test
    void rejectsAWithdrawalWithShortData() {
        assertThatThrownBy(() -> decoder.decode(log(BANK, List.of(EventDecoder.PROFITS_WITHDRAWN, topic(TOKEN), topic(LP_A)), "0x1234")))
                .isInstanceOf(MalformedLogException.class).hasMessageContaining("expected 32 bytes of data, got 2");
    }

    @Test
    void rejectsAnAddressTopicWithHighBitsSet() {
        String dirty = "0xff" + topic(TOKEN).substring(4);
        assertThatThrownBy(() -> decoder.decode(log(BANK, List.of(EventDecoder.COMMITTED, dirty, topic(LP_A)), words(5))))
                .isInstanceOf(MalformedLogException.class).hasMessageContaining("topic 1 is not an address");
    }

    @Test
    void rejectsAFlashLoanWhosePullsDoNotSumToTheAmount() {
        assertThatThrownBy(() -> decoder.decode(flashLoan(1_000, 2, List.of(LP_A, LP_B), List.of(600L, 300L), List.of(1L, 1L), "")))
                .isInstanceOf(MalformedLogException.class).hasMessageContaining("pulls sum to 900, not the amount 1000");
    }

    @Test
    void rejectsAFlashLoanWhoseFeeSharesDoNotSumToTheFee() {
        assertThatThrownBy(() -> decoder.decode(flashLoan(1_000, 2, List.of(LP_A), List.of(1_000L), List.of(3L), "")))
                .isInstanceOf(MalformedLogException.class).hasMessageContaining("fee shares sum to 3, not the fee 2");
    }

    @Test
    void rejectsAFlashLoanWithArraysOfDifferentLengths() {
        assertThatThrownBy(() -> decoder.decode(flashLoan(1_000, 2, List.of(LP_A, LP_B), List.of(1_000L), List.of(2L), "")))
                .isInstanceOf(MalformedLogException.class).hasMessageContaining("arrays differ in length");
    }

    @Test
    void rejectsAFlashLoanWithTrailingBytes() {
        assertThatThrownBy(() -> decoder.decode(flashLoan(1_000, 2, List.of(LP_A), List.of(1_000L), List.of(2L), "00".repeat(32))))
                .isInstanceOf(MalformedLogException.class).hasMessageContaining("not in canonical ABI encoding");
    }

    @Test
    void rejectsATruncatedFlashLoan() {
        ChainLog full = flashLoan(1_000, 2, List.of(LP_A), List.of(1_000L), List.of(2L), "");
        ChainLog cut = log(BANK, full.topics(), full.data().substring(0, full.data().length() - 64));
        assertThatThrownBy(() -> decoder.decode(cut)).isInstanceOf(MalformedLogException.class).hasMessageContaining(TX + "#3");
    }

    @Test
    void rejectsALogObjectWithABadField() throws Exception {
        String json = "{\"address\":\"" + BANK + "\",\"topics\":[\"0x12\"],\"data\":\"0x\",\"blockNumber\":\"0x7\","
                + "\"blockHash\":\"" + BLOCK + "\",\"transactionHash\":\"" + TX + "\",\"logIndex\":\"0x3\"}";
        assertThatThrownBy(() -> ChainReader.parseLog(new ObjectMapper().readTree(json)))
                .isInstanceOf(MalformedLogException.class).hasMessageContaining("topics[]").hasMessageContaining(TX + "#0x3");
    }

    private static ChainLog flashLoan(long amount, long fee, List<String> providers, List<Long> pulls, List<Long> shares, String extra) {
        List<Type> values = List.of(new Uint256(amount), new Uint256(fee),
                new DynamicArray<>(Address.class, providers.stream().map(Address::new).toList()),
                new DynamicArray<>(Uint256.class, pulls.stream().map(Uint256::new).toList()),
                new DynamicArray<>(Uint256.class, shares.stream().map(Uint256::new).toList()));
        return log(BANK, List.of(EventDecoder.FLASH_LOAN, topic(TOKEN), topic(LP_B), topic(EXECUTOR)),
                "0x" + FunctionEncoder.encodeConstructor(values) + extra);
    }

    private static ChainLog log(String address, List<String> topics, String data) {
        return new ChainLog(address, topics, data, 7, BLOCK, TX, 3);
    }

    private static String topic(String address) {
        return "0x" + "0".repeat(24) + address.substring(2);
    }

    private static String words(long... values) {
        StringBuilder out = new StringBuilder("0x");
        for (long v : values) {
            out.append(String.format("%064x", v));
        }
        return out.toString();
    }
}
