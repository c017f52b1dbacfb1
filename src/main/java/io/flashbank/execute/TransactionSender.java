package io.flashbank.execute;

import io.flashbank.chain.ChainClient;
import io.flashbank.chain.TransactionReceipt;
import io.flashbank.chain.RpcException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.web3j.crypto.Credentials;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Signs and sends the searcher's transactions on one chain with a locally tracked nonce, and waits for receipts.
 *
 * <p>Used by one attempt at a time: the nonce is read from the node ("pending") once, then counted here, and read again
 * after anything that leaves it in doubt.
 */
final class TransactionSender {
    /** The node refused the transaction (nothing was sent): a bad nonce, too low a fee, an invalid signature. */
    static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Rejected(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ChainClient client;
    private final Credentials searcher;
    private final String searcherAddress;
    private final ExecutorSettings settings;
    private final Scheduler scheduler;
    private final AtomicReference<BigInteger> nextNonce = new AtomicReference<>();

    TransactionSender(ChainClient client, Credentials searcher, ExecutorSettings settings, Scheduler scheduler) {
        this.client = client;
        this.searcher = searcher;
        this.searcherAddress = searcher.getAddress().toLowerCase(java.util.Locale.ROOT);
        this.settings = settings;
        this.scheduler = scheduler;
    }

    String searcherAddress() {
        return searcherAddress;
    }

    /**
     * Signs a call of {@code data} on {@code to} with the next nonce, {@code maxFeePerGas = 2 × baseFee + tip}, and
     * sends it; emits the signed transaction once the node accepted it, or when the answer was lost in transit (it may
     * have been sent: its receipt will tell). Errors with {@link Rejected} when the node refused it.
     */
    Mono<SignedTransaction> send(String to, String data, BigInteger gasLimit, BigInteger baseFee) {
        BigInteger tip = settings.priorityFeeWei();
        return nonce().flatMap(nonce -> Mono.fromCallable(() -> SignedTransaction.eip1559(searcher, client.chainId(), nonce, tip,
                                baseFee.shiftLeft(1).add(tip), gasLimit, to, BigInteger.ZERO, data))
                        .subscribeOn(scheduler)
                        .flatMap(tx -> client.sendRawTransaction(tx.raw())
                                .map(hash -> {
                                    nextNonce.compareAndSet(nonce, nonce.add(BigInteger.ONE));
                                    if (!tx.hash().equalsIgnoreCase(hash)) {
                                        throw new RpcException("eth_sendRawTransaction answered hash " + hash + ", expected " + tx.hash());
                                    }
                                    return tx;
                                })
                                .onErrorResume(RpcException.class, e -> {
                                    resync();
                                    return e.nodeError() ? Mono.error(new Rejected(RevertReason.of(e), e)) : Mono.just(tx);
                                })));
    }

    /**
     * Polls for {@code hash}'s receipt every {@code receiptPoll}; emits it, or empty once {@code receiptTimeout}
     * passed without one (a failed poll is retried on the next tick).
     */
    Mono<Optional<TransactionReceipt>> receipt(String hash) {
        Duration poll = settings.receiptPoll();
        return Flux.interval(poll, poll, scheduler)
                .onBackpressureDrop()
                .concatMap(tick -> client.receipt(hash).onErrorResume(RpcException.class, e -> Mono.empty()), 0)
                .filter(Optional::isPresent)
                .next()
                .timeout(settings.receiptTimeout(), Mono.just(Optional.empty()), scheduler);
    }

    /** Forgets the local nonce: the next transaction reads it from the node again. */
    void resync() {
        nextNonce.set(null);
    }

    private Mono<BigInteger> nonce() {
        BigInteger known = nextNonce.get();
        if (known != null) {
            return Mono.just(known);
        }
        return client.nonce(searcherAddress, "pending")
                .doOnNext(n -> nextNonce.compareAndSet(null, n));
    }
}
