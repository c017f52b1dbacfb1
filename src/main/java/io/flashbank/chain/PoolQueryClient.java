package io.flashbank.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import reactor.core.publisher.Mono;

/** Reads pair pages and reserves through the on-chain PoolQuery contract, one eth_call per batch. */
public final class PoolQueryClient {
    private final ChainRpc rpc;
    private final String poolQuery;

    /** A page of a factory's pairs; index i of each list describes one pair. */
    public record PairPage(BigInteger total, List<String> pairs, List<String> token0, List<String> token1,
                           List<BigInteger> reserve0, List<BigInteger> reserve1) {
    }

    /** Reserves of the asked pairs, index for index; zeros for a pair that could not be read. */
    public record Reserves(List<BigInteger> reserve0, List<BigInteger> reserve1) {
    }

    public PoolQueryClient(ChainRpc rpc, String poolQuery) {
        this.rpc = rpc;
        this.poolQuery = poolQuery;
    }

    /** Reads pairs {@code start .. start+count-1} of {@code factory} as of {@code blockNumber}. */
    public Mono<PairPage> pairs(String factory, long start, int count, long blockNumber) {
        Function function = new Function("getPairs",
                List.of(new Address(factory), new Uint256(start), new Uint256(count)), List.of());
        // (uint256 total, address[] pairs, address[] token0, address[] token1, uint256[] reserve0, uint256[] reserve1)
        return call(function, blockNumber).map(words -> {
            List<String> pairs = words.addressArray(1);
            PairPage page = new PairPage(words.uint(0), pairs, words.addressArray(2), words.addressArray(3),
                    words.uintArray(4, 256), words.uintArray(5, 256));
            if (page.token0().size() != pairs.size() || page.token1().size() != pairs.size()
                    || page.reserve0().size() != pairs.size() || page.reserve1().size() != pairs.size()) {
                throw new RpcException("PoolQuery.getPairs answered arrays of different lengths");
            }
            return page;
        });
    }

    /** Reads the reserves of {@code pairs} as of {@code blockNumber}. */
    public Mono<Reserves> reserves(List<String> pairs, long blockNumber) {
        List<Address> addresses = new ArrayList<>(pairs.size());
        pairs.forEach(p -> addresses.add(new Address(p)));
        Function function = new Function("getReserves", List.of(new DynamicArray<>(Address.class, addresses)), List.of());
        // (uint256[] reserve0, uint256[] reserve1, uint32[] blockTimestampLast)
        return call(function, blockNumber).map(words -> {
            Reserves reserves = new Reserves(words.uintArray(0, 256), words.uintArray(1, 256));
            int timestamps = words.uintArray(2, 32).size();
            if (reserves.reserve0().size() != pairs.size() || reserves.reserve1().size() != pairs.size() || timestamps != pairs.size()) {
                throw new RpcException("PoolQuery.getReserves answered " + reserves.reserve0().size() + " entries for "
                        + pairs.size() + " pairs");
            }
            return reserves;
        });
    }

    private Mono<AbiWords> call(Function function, long blockNumber) {
        String data = FunctionEncoder.encode(function);
        return rpc.call("eth_call", List.of(Map.of("to", poolQuery, "data", data), Quantities.hex(blockNumber)))
                .map(result -> {
                    String hex = Quantities.data(result, "eth_call result");
                    if (hex.length() <= 2) {
                        throw new RpcException("PoolQuery." + function.getName() + " answered no data; is " + poolQuery
                                + " a PoolQuery?");
                    }
                    return AbiWords.of(hex, "PoolQuery." + function.getName() + " at " + poolQuery);
                });
    }
}
