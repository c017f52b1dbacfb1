package io.flashbank.execute;

import io.flashbank.chain.ChainClient;
import io.flashbank.chain.PoolQueryClient;
import io.flashbank.chain.RpcException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The executor's reads of one chain, and its calls of {@code execute} as the searcher that change nothing.
 *
 * <p>Reserves, FlashBank's fee and liquidity are read at one block so the quote is consistent; {@code execute} is
 * called for simulation, gas estimate and the replay of a reverted transaction.
 */
final class ChainReads {
    /** Concurrent {@code available} reads when FlashBank has many providers. */
    private static final int READ_CONCURRENCY = 8;

    /** The latest block: its number and base fee. */
    record Head(long number, BigInteger baseFee) {
    }

    private final ChainClient client;
    private final ExecutorContracts contracts;
    private final String searcher;

    ChainReads(ChainClient client, ExecutorContracts contracts, String searcher) {
        this.client = client;
        this.contracts = contracts;
        this.searcher = searcher;
    }

    Mono<Head> head() {
        return client.latestBlock().map(block -> new Head(block.number(), block.baseFeePerGas()));
    }

    /** Reserves of {@code pairs}, index for index, as of {@code block}. */
    Mono<PoolQueryClient.Reserves> reserves(List<String> pairs, long block) {
        return client.poolQuery(contracts.poolQuery()).flatMap(query -> query.reserves(pairs, block));
    }

    /** FlashBank's fee in basis points as of {@code block}. */
    Mono<Integer> flashFeeBps(long block) {
        return call(contracts.flashBank(), ExecutorAbi.feeBps(), block).map(hex -> {
            BigInteger bps = ExecutorAbi.uint256(hex);
            if (bps.compareTo(BigInteger.valueOf(10_000)) >= 0) {
                throw new RpcException("FlashBank.feeBps answered " + bps);
            }
            return bps.intValueExact();
        });
    }

    /** Every committed provider of {@code token}, in FlashBank's set order, with what it can lend as of {@code block}. */
    Mono<Map<String, BigInteger>> liquidity(String token, long block) {
        return call(contracts.flashBank(), ExecutorAbi.providers(token), block)
                .map(ExecutorAbi::addresses)
                .flatMapMany(Flux::fromIterable)
                .flatMapSequential(p -> call(contracts.flashBank(), ExecutorAbi.available(token, p), block)
                        .map(hex -> Map.entry(p, ExecutorAbi.uint256(hex))), READ_CONCURRENCY)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new);
    }

    /** {@code eth_call} of {@code data} on the executor as the searcher at the latest block: the exact profit. */
    Mono<BigInteger> simulate(String data) {
        return call(contracts.executor(), data, "latest", searcher).map(ExecutorAbi::uint256);
    }

    /**
     * {@code eth_estimateGas} of {@code data} on the executor as the searcher, on the pending block: the state the
     * transaction will meet, with the node's pending transactions applied (where {@link #simulate} reads the latest).
     */
    Mono<BigInteger> estimateGas(String data) {
        return client.estimateGas(searcher, contracts.executor(), data, BigInteger.ZERO, "pending");
    }

    /**
     * Why {@code data} reverts when run again on the state after {@code block} (where a reverted transaction was
     * mined): the decoded revert reason, or a note that it no longer reverts there.
     */
    Mono<String> replay(String data, long block) {
        return call(contracts.executor(), data, "0x" + Long.toHexString(block), searcher)
                .map(ok -> "reverted on-chain; a replay on the state after block " + block + " succeeds")
                .onErrorResume(e -> RevertReason.dataOf(e).isPresent(), e -> Mono.just(RevertReason.of(e)));
    }

    private Mono<String> call(String to, String data, long block) {
        return call(to, data, "0x" + Long.toHexString(block), null);
    }

    private Mono<String> call(String to, String data, String block, String from) {
        return client.ethCall(from, to, data, block);
    }
}
