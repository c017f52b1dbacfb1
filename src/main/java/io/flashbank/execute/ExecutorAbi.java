package io.flashbank.execute;

import io.flashbank.chain.AbiWords;
import io.flashbank.chain.ChainLog;
import io.flashbank.chain.TransactionReceipt;
import io.flashbank.contracts.FlashBankAbi;
import io.flashbank.rank.RouteHop;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * The ArbitrageExecutor and FlashBank calls the executor makes (encoded by web3j), and the {@code Executed} event it
 * reads back (through {@link AbiWords}).
 */
final class ExecutorAbi {
    static final String EXECUTE_SIGNATURE = FlashBankAbi.EXECUTE_SIGNATURE;
    static final String EXECUTE_SELECTOR = FlashBankAbi.EXECUTE_SELECTOR;
    static final String EXECUTED_TOPIC = FlashBankAbi.EXECUTED;

    /** The {@code Executed} event: {@code amount} borrowed from {@code lender} for {@code fee}, {@code profit} paid out. */
    record Executed(String lender, String token, BigInteger amount, BigInteger fee, BigInteger profit) {
    }

    /** One route hop as the executor takes it: {@code (address pair, bool zeroForOne)}. */
    public static final class Hop extends StaticStruct {
        public Hop(String pair, boolean zeroForOne) {
            super(new Address(pair), new Bool(zeroForOne));
        }
    }

    private ExecutorAbi() {
    }

    /** Calldata of {@code execute(lender, token, amount, providers, route, minProfit)}. */
    static String execute(String lender, String token, BigInteger amount, List<String> providers, List<RouteHop> route,
                          BigInteger minProfit) {
        String data = FunctionEncoder.encode(new Function("execute", List.of(new Address(lender), new Address(token),
                new Uint256(amount), new DynamicArray<>(Address.class, providers.stream().map(Address::new).toList()),
                new DynamicArray<>(Hop.class, route.stream().map(h -> new Hop(h.pool(), zeroForOne(h))).toList()),
                new Uint256(minProfit)), List.of()));
        if (!data.startsWith(EXECUTE_SELECTOR)) {
            throw new IllegalStateException("web3j encoded execute with selector " + data.substring(0, 10) + ", not " + EXECUTE_SELECTOR);
        }
        return data;
    }

    /**
     * Whether the hop sells its pair's token0: a Uniswap V2 pair orders its tokens by address, so token0 is the
     * smaller one. (A pair that did not would make {@code execute} revert with RouteStartMismatch in simulation.)
     */
    static boolean zeroForOne(RouteHop hop) {
        return hop.tokenIn().compareTo(hop.tokenOut()) < 0;
    }

    static String providers(String token) {
        return FunctionEncoder.encode(new Function("providers", List.of(new Address(token)), List.of()));
    }

    static String available(String token, String provider) {
        return FunctionEncoder.encode(new Function("available", List.of(new Address(token), new Address(provider)), List.of()));
    }

    static String feeBps() {
        return FunctionEncoder.encode(new Function("feeBps", List.of(), List.of()));
    }

    /** An {@code address[]} return value, lower-case. */
    static List<String> addresses(String hex) {
        return AbiWords.of(hex, "an address[] return value").addressArray(0);
    }

    /** A single {@code uint256} return value. */
    static BigInteger uint256(String hex) {
        return AbiWords.exactly(hex, 1, "a uint256 return value").uint(0);
    }

    /** The executor's {@code Executed} event in {@code receipt}'s logs, if it emitted one. */
    static Optional<Executed> executed(TransactionReceipt receipt, String executor) {
        for (ChainLog log : receipt.logs()) {
            if (!executor.equalsIgnoreCase(log.address()) || log.topics().size() != 3 || !EXECUTED_TOPIC.equals(log.topic0())) {
                continue;
            }
            String what = "the Executed event";
            AbiWords data = AbiWords.exactly(log.data(), 3, what);
            return Optional.of(new Executed(AbiWords.topicAddress(log.topics().get(1), what),
                    AbiWords.topicAddress(log.topics().get(2), what), data.uint(0), data.uint(1), data.uint(2)));
        }
        return Optional.empty();
    }
}
