package io.flashbank.ledger;

import io.flashbank.chain.ChainLog;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.Utils;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;

/**
 * Turns the logs of FlashBank and the ArbitrageExecutor into {@link LedgerEvent}s: indexed fields from the topics,
 * the rest with web3j's ABI decoder, and every length and invariant checked, so a malformed log is rejected with a
 * message naming what is wrong instead of being half-recorded.
 */
final class EventDecoder {
    static final String COMMITTED = Hash.sha3String("Committed(address,address,uint256)");
    static final String PROVIDER_PRUNED = Hash.sha3String("ProviderPruned(address,address,address)");
    static final String FLASH_LOAN = Hash.sha3String("FlashLoan(address,address,address,uint256,uint256,address[],uint256[],uint256[])");
    static final String PROFITS_WITHDRAWN = Hash.sha3String("ProfitsWithdrawn(address,address,uint256)");
    static final String EXECUTED = Hash.sha3String("Executed(address,address,uint256,uint256,uint256)");
    /** Topic 0 of every event the ledger reads, for the {@code eth_getLogs} filter. */
    static final List<String> TOPICS = List.of(COMMITTED, PROVIDER_PRUNED, FLASH_LOAN, PROFITS_WITHDRAWN, EXECUTED);

    private static final List<TypeReference<Type>> ONE_UINT = Utils.convert(List.of(new TypeReference<Uint256>() { }));
    private static final List<TypeReference<Type>> THREE_UINTS = Utils.convert(List.of(
            new TypeReference<Uint256>() { }, new TypeReference<Uint256>() { }, new TypeReference<Uint256>() { }));
    private static final List<TypeReference<Type>> FLASH_LOAN_DATA = Utils.convert(List.of(
            new TypeReference<Uint256>() { }, new TypeReference<Uint256>() { },
            new TypeReference<DynamicArray<Address>>() { }, new TypeReference<DynamicArray<Uint256>>() { },
            new TypeReference<DynamicArray<Uint256>>() { }));
    /** A loan pulls from at most MAX_PROVIDERS wallets; a far longer list is not FlashBank's. */
    private static final int MAX_SHARES = 1_024;

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
                            uints(log, ONE_UINT).get(0)));
                }
                if (topic0.equals(PROVIDER_PRUNED)) {
                    requireShape(log, 4, 0);
                    return Optional.of(new LedgerEvent.Pruned(position(log), topicAddress(log, 1), topicAddress(log, 2),
                            topicAddress(log, 3)));
                }
                if (topic0.equals(PROFITS_WITHDRAWN)) {
                    requireShape(log, 3, 1);
                    return Optional.of(new LedgerEvent.Withdrawn(position(log), topicAddress(log, 1), topicAddress(log, 2),
                            uints(log, ONE_UINT).get(0)));
                }
                if (topic0.equals(FLASH_LOAN)) {
                    return Optional.of(flashLoan(log));
                }
            } else if (address.equals(executor) && topic0.equals(EXECUTED)) {
                requireShape(log, 3, 3);
                List<BigInteger> v = uints(log, THREE_UINTS);
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
        if (log.topics().size() != 4) {
            throw malformed(log, "FlashLoan has 4 topics, got " + log.topics().size());
        }
        String hex = log.data().startsWith("0x") ? log.data().substring(2) : log.data();
        if (hex.length() < 64 * 8 || hex.length() % 64 != 0) {
            throw malformed(log, "FlashLoan data must be whole 32-byte words, at least 8, got " + hex.length() / 2 + " bytes");
        }
        List<Type> values = FunctionReturnDecoder.decode(hex, FLASH_LOAN_DATA);
        if (values.size() != 5) {
            throw malformed(log, "FlashLoan data does not decode as (uint256,uint256,address[],uint256[],uint256[])");
        }
        // Re-encoding must give back the data: rejects trailing bytes and offsets that point anywhere but where
        // Solidity puts them, so one event cannot be read two ways.
        if (!FunctionEncoder.encodeConstructor(values).equalsIgnoreCase(hex)) {
            throw malformed(log, "FlashLoan data is not in canonical ABI encoding");
        }
        BigInteger amount = ((Uint256) values.get(0)).getValue();
        BigInteger fee = ((Uint256) values.get(1)).getValue();
        List<?> providers = ((DynamicArray<?>) values.get(2)).getValue();
        List<?> pulls = ((DynamicArray<?>) values.get(3)).getValue();
        List<?> feeShares = ((DynamicArray<?>) values.get(4)).getValue();
        if (providers.size() != pulls.size() || providers.size() != feeShares.size()) {
            throw malformed(log, "FlashLoan arrays differ in length: providers " + providers.size() + ", pulls " + pulls.size()
                    + ", feeShares " + feeShares.size());
        }
        if (providers.isEmpty() || providers.size() > MAX_SHARES) {
            throw malformed(log, "FlashLoan must name 1 to " + MAX_SHARES + " providers, got " + providers.size());
        }
        List<LoanShare> shares = new ArrayList<>(providers.size());
        BigInteger pulled = BigInteger.ZERO;
        BigInteger credited = BigInteger.ZERO;
        for (int i = 0; i < providers.size(); i++) {
            String provider = ((Address) providers.get(i)).getValue().toLowerCase(Locale.ROOT);
            if (new BigInteger(provider.substring(2), 16).signum() == 0) {
                throw malformed(log, "FlashLoan provider " + i + " is the zero address");
            }
            LoanShare share = new LoanShare(provider, ((Uint256) pulls.get(i)).getValue(), ((Uint256) feeShares.get(i)).getValue());
            pulled = pulled.add(share.pulled());
            credited = credited.add(share.feeShare());
            shares.add(share);
        }
        if (!pulled.equals(amount)) {
            throw malformed(log, "FlashLoan pulls sum to " + pulled + ", not the amount " + amount);
        }
        if (!credited.equals(fee)) {
            throw malformed(log, "FlashLoan fee shares sum to " + credited + ", not the fee " + fee);
        }
        return new LedgerEvent.FlashLoan(position(log), topicAddress(log, 1), topicAddress(log, 2), topicAddress(log, 3),
                amount, fee, shares);
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

    private static List<BigInteger> uints(ChainLog log, List<TypeReference<Type>> types) {
        List<Type> values = FunctionReturnDecoder.decode(log.data(), types);
        if (values.size() != types.size()) {
            throw malformed(log, "data does not decode as " + types.size() + " uint256 values");
        }
        return values.stream().map(v -> ((Uint256) v).getValue()).toList();
    }

    /** An address topic: 32 bytes whose first 12 are zero. */
    private static String topicAddress(ChainLog log, int index) {
        String topic = log.topics().get(index);
        if (!topic.matches("0x[0-9a-fA-F]{64}")) {
            throw malformed(log, "topic " + index + " is not a 32-byte word: " + topic);
        }
        if (!topic.substring(2, 26).chars().allMatch(ch -> ch == '0')) {
            throw malformed(log, "topic " + index + " is not an address (high 12 bytes not zero): " + topic);
        }
        return ("0x" + topic.substring(26)).toLowerCase(Locale.ROOT);
    }

    private static MalformedLogException malformed(ChainLog log, String reason) {
        return new MalformedLogException(describe(log) + ": " + reason);
    }

    private static String describe(ChainLog log) {
        return "log " + log.transactionHash() + "#" + log.logIndex() + " in block " + log.blockNumber();
    }
}
