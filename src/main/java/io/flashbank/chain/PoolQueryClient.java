package io.flashbank.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
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
                List.of(new Address(factory), new Uint256(start), new Uint256(count)),
                List.of(new TypeReference<Uint256>() { },
                        new TypeReference<DynamicArray<Address>>() { },
                        new TypeReference<DynamicArray<Address>>() { },
                        new TypeReference<DynamicArray<Address>>() { },
                        new TypeReference<DynamicArray<Uint256>>() { },
                        new TypeReference<DynamicArray<Uint256>>() { }));
        return call(function, blockNumber).map(values -> {
            List<String> pairs = addresses(values.get(1));
            PairPage page = new PairPage((BigInteger) values.get(0).getValue(), pairs, addresses(values.get(2)),
                    addresses(values.get(3)), numbers(values.get(4)), numbers(values.get(5)));
            if (page.token0().size() != pairs.size() || page.reserve1().size() != pairs.size()) {
                throw new RpcException("PoolQuery.getPairs answered arrays of different lengths");
            }
            return page;
        });
    }

    /** Reads the reserves of {@code pairs} as of {@code blockNumber}. */
    public Mono<Reserves> reserves(List<String> pairs, long blockNumber) {
        List<Address> addresses = new ArrayList<>(pairs.size());
        pairs.forEach(p -> addresses.add(new Address(p)));
        Function function = new Function("getReserves",
                List.of(new DynamicArray<>(Address.class, addresses)),
                List.of(new TypeReference<DynamicArray<Uint256>>() { },
                        new TypeReference<DynamicArray<Uint256>>() { },
                        new TypeReference<DynamicArray<Uint32>>() { }));
        return call(function, blockNumber).map(values -> {
            Reserves reserves = new Reserves(numbers(values.get(0)), numbers(values.get(1)));
            if (reserves.reserve0().size() != pairs.size() || reserves.reserve1().size() != pairs.size()) {
                throw new RpcException("PoolQuery.getReserves answered " + reserves.reserve0().size() + " entries for "
                        + pairs.size() + " pairs");
            }
            return reserves;
        });
    }

    @SuppressWarnings("rawtypes")
    private Mono<List<Type>> call(Function function, long blockNumber) {
        String data = FunctionEncoder.encode(function);
        return rpc.call("eth_call", List.of(Map.of("to", poolQuery, "data", data), Quantities.hex(blockNumber)))
                .map(result -> {
                    String hex = Quantities.data(result, "eth_call result");
                    List<Type> values = FunctionReturnDecoder.decode(hex, function.getOutputParameters());
                    if (values.size() != function.getOutputParameters().size()) {
                        throw new RpcException("PoolQuery." + function.getName() + " answered malformed data (" + hex.length()
                                + " hex chars); is " + poolQuery + " a PoolQuery?");
                    }
                    return values;
                });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<String> addresses(Type value) {
        List<Address> list = ((DynamicArray<Address>) value).getValue();
        List<String> out = new ArrayList<>(list.size());
        list.forEach(a -> out.add(a.getValue().toLowerCase(java.util.Locale.ROOT)));
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<BigInteger> numbers(Type value) {
        List<Type> list = ((DynamicArray<Type>) value).getValue();
        List<BigInteger> out = new ArrayList<>(list.size());
        list.forEach(n -> out.add((BigInteger) n.getValue()));
        return out;
    }
}
