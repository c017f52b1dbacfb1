package io.flashbank.ledger;

import io.flashbank.chain.AbiWords;
import io.flashbank.chain.ChainLog;
import io.flashbank.contracts.FlashBankAbi;
import io.flashbank.contracts.FlashLoanLog;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the logs of FlashBank and the ArbitrageExecutor into {@link LedgerEvent}s: indexed fields from the topics,
 * the rest through {@link AbiWords}, and every length, offset and invariant checked, so a malformed log is rejected with a
 * message naming what is wrong instead of being half-recorded.
 */
final class EventDecoder {
    static final String COMMITTED = FlashBankAbi.COMMITTED;
    static final String PROVIDER_PRUNED = FlashBankAbi.PROVIDER_PRUNED;
    static final String FLASH_LOAN = FlashBankAbi.FLASH_LOAN;
    static final String PROFITS_WITHDRAWN = FlashBankAbi.PROFITS_WITHDRAWN;
    static final String EXECUTED = FlashBankAbi.EXECUTED;
    /** Topic 0 of every event the ledger reads, for the {@code eth_getLogs} filter. */
    static final List<String> TOPICS = FlashBankAbi.LEDGER_TOPICS;

    private final long chainId;
    private final String flashBank;
    private final String executor;

    EventDecoder(long chainId, String flashBank, String executor) {
        this.chainId = chainId;
        this.flashBank = flashBank.toLowerCase(Locale.ROOT);
        this.executor = executor.toLowerCase(Locale.ROOT);
    }

    /**
     * The event {@code log} carries, or empty when it is not one the ledger records (another contract, another
     * event); throws MalformedLogException when its topic names a ledger event but the log does not fit it.
     */
    Optional<LedgerEvent> decode(ChainLog log) {
        String address = log.address().toLowerCase(Locale.ROOT);
        String topic0 = log.topic0();
        try {
            if (address.equals(flashBank)) {
                if (topic0.equals(COMMITTED)) {
                    requireShape(log, 3, 1);
                    return Optional.of(new LedgerEvent.Committed(position(log), topicAddress(log, 1), topicAddress(log, 2),
                            uints(log, 1).get(0)));
                }
                if (topic0.equals(PROVIDER_PRUNED)) {
                    requireShape(log, 4, 0);
                    return Optional.of(new LedgerEvent.Pruned(position(log), topicAddress(log, 1), topicAddress(log, 2),
                            topicAddress(log, 3)));
                }
                if (topic0.equals(PROFITS_WITHDRAWN)) {
                    requireShape(log, 3, 1);
                    return Optional.of(new LedgerEvent.Withdrawn(position(log), topicAddress(log, 1), topicAddress(log, 2),
                            uints(log, 1).get(0)));
                }
                if (topic0.equals(FLASH_LOAN)) {
                    return Optional.of(flashLoan(log));
                }
            } else if (address.equals(executor) && topic0.equals(EXECUTED)) {
                requireShape(log, 3, 3);
                List<BigInteger> v = uints(log, 3);
                return Optional.of(new LedgerEvent.Executed(position(log), executor, topicAddress(log, 1), topicAddress(log, 2),
                        v.get(0), v.get(1), v.get(2)));
            }
            return Optional.empty();
        } catch (MalformedLogException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedLogException(describe(log) + ": " + e.getMessage(), e);
        }
    }

    private LedgerEvent.FlashLoan flashLoan(ChainLog log) {
        FlashLoanLog loan;
        try {
            loan = FlashLoanLog.decode(log.topics(), log.data());
        } catch (IllegalArgumentException e) {
            throw malformed(log, e.getMessage());
        }
        List<LoanShare> shares = new ArrayList<>(loan.providers().size());
        for (int i = 0; i < loan.providers().size(); i++) {
            shares.add(new LoanShare(loan.providers().get(i), loan.pulls().get(i), loan.feeShares().get(i)));
        }
        return new LedgerEvent.FlashLoan(position(log), loan.token(), loan.receiver(), loan.initiator(), loan.amount(), loan.fee(),
                shares);
    }

    private LogPosition position(ChainLog log) {
        return new LogPosition(chainId, log.transactionHash(), log.logIndex(), log.blockNumber(), log.blockHash());
    }

    private static void requireShape(ChainLog log, int topics, int words) {
        if (log.topics().size() != topics) {
            throw malformed(log, "expected " + topics + " topics, got " + log.topics().size());
        }
        int bytes = (log.data().length() - (log.data().startsWith("0x") ? 2 : 0)) / 2;
        if (bytes != 32 * words) {
            throw malformed(log, "expected " + 32 * words + " bytes of data, got " + bytes);
        }
    }

    private static List<BigInteger> uints(ChainLog log, int count) {
        AbiWords data = AbiWords.exactly(log.data(), count, "data");
        List<BigInteger> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(data.uint(i));
        }
        return out;
    }

    /** An address topic: 32 bytes whose first 12 are zero. */
    private static String topicAddress(ChainLog log, int index) {
        return AbiWords.topicAddress(log.topics().get(index), "topic " + index);
    }

    private static MalformedLogException malformed(ChainLog log, String reason) {
        return new MalformedLogException(describe(log) + ": " + reason);
    }

    private static String describe(ChainLog log) {
        return "log " + log.transactionHash() + "#" + log.logIndex() + " in block " + log.blockNumber();
    }
}
