package io.flashbank.devnet;

import io.flashbank.chain.ChainRpc;
import io.flashbank.chain.PoolQueryClient;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint256;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Moves one devnet chain's prices: on every new block, a few random swaps of 0.2–2% of a pool's depth. */
public final class NoiseTrader {
    private final ChainRpc rpc;
    private final DeployedChain chain;
    private final RandomGenerator random;
    private final int swapsPerBlock;
    private final String trader = DevnetAccounts.address(DevnetAccounts.TRADER);

    public NoiseTrader(ChainRpc rpc, DeployedChain chain, RandomGenerator random, int swapsPerBlock) {
        this.rpc = rpc;
        this.chain = chain;
        this.random = random;
        this.swapsPerBlock = swapsPerBlock;
    }

    /**
     * Trades on every head until cancelled; each element is one sent swap's transaction hash. A failed swap is
     * skipped (the noise must not stop the demo); the head stream's errors end the flux.
     */
    public Flux<String> run() {
        PoolQueryClient query = new PoolQueryClient(rpc, chain.poolQuery());
        Map<String, String[]> tokensOf = new HashMap<>();
        Mono<Void> learnTokens = new DevnetSender(rpc).blockNumber().flatMapMany(block -> Flux.fromIterable(chain.factories())
                        .concatMap(factory -> query.pairs(factory, 0, 1000, block)))
                .doOnNext(page -> {
                    for (int i = 0; i < page.pairs().size(); i++) {
                        tokensOf.put(page.pairs().get(i), new String[] {page.token0().get(i), page.token1().get(i)});
                    }
                })
                .then();
        return learnTokens.thenMany(rpc.newHeads()).concatMap(head -> {
            long number = Long.decode(head.path("number").asText());
            List<String> picked = new ArrayList<>();
            for (int i = 0; i < swapsPerBlock; i++) {
                picked.add(chain.pairs().get(random.nextInt(chain.pairs().size())));
            }
            return query.reserves(picked, number).flatMapMany(reserves -> {
                List<Mono<String>> swaps = new ArrayList<>();
                for (int i = 0; i < picked.size(); i++) {
                    String[] tokens = tokensOf.get(picked.get(i));
                    if (tokens != null) {
                        swaps.add(swap(picked.get(i), tokens, reserves.reserve0().get(i), reserves.reserve1().get(i)));
                    }
                }
                return Flux.concat(swaps);
            }).onErrorResume(e -> Flux.empty());
        });
    }

    private Mono<String> swap(String pair, String[] tokens, BigInteger reserve0, BigInteger reserve1) {
        boolean zeroForOne = random.nextBoolean();
        BigInteger reserveIn = zeroForOne ? reserve0 : reserve1;
        if (reserveIn.signum() == 0) {
            return Mono.empty();
        }
        long permille = 2 + random.nextInt(19);
        BigInteger amountIn = reserveIn.multiply(BigInteger.valueOf(permille)).divide(BigInteger.valueOf(1000));
        String tokenIn = zeroForOne ? tokens[0] : tokens[1];
        String data = FunctionEncoder.encode(DevnetMarket.fn("swap", new Address(pair), new Address(tokenIn), new Uint256(amountIn)));
        Map<String, Object> tx = Map.of("from", trader, "to", chain.noiseTrader(), "data", data, "gas", "0x30d40");
        return rpc.call("eth_sendTransaction", List.of(tx)).map(h -> h.asText()).onErrorResume(e -> Mono.empty());
    }
}
