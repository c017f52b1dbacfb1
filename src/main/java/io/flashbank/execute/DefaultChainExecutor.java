package io.flashbank.execute;

import io.flashbank.chain.ChainClient;
import io.flashbank.chain.TransactionReceipt;
import io.flashbank.chain.PoolQueryClient;
import io.flashbank.market.ExactRoute;
import io.flashbank.market.RouteQuote;
import io.flashbank.rank.Opportunity;
import io.flashbank.rank.RankedView;
import io.flashbank.rank.RouteHop;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** Re-quotes, plans, simulates, signs, sends and follows one attempt at a time on one chain. */
final class DefaultChainExecutor implements ChainExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(ChainExecutor.class);
    /** The wait before a skipped opportunity is tried again at the same reserves, doubled per skip up to the max. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);
    /** Two zero-to-non-zero SSTOREs (22,100 gas each): a pair's price0/price1CumulativeLast. */
    private static final long ORACLE_WRITES_PER_HOP = 2 * 22_100;

    private final ExecutorContracts contracts;
    private final ExecutorSettings settings;
    private final CalibratedGasModel gas;
    private final Scheduler scheduler;
    private final ChainReads reads;
    private final TransactionSender sender;
    private final FairPullPlanner fair = new FairPullPlanner();
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AttemptLog attempts = new AttemptLog(FIRST_RETRY, MAX_RETRY);

    DefaultChainExecutor(ExecutorContracts contracts, ChainClient client, Credentials searcher, ExecutorSettings settings,
                         CalibratedGasModel gas, Scheduler scheduler) {
        if (client.chainId() != contracts.chainId()) {
            throw new IllegalArgumentException("client is for chain " + client.chainId() + ", contracts for " + contracts.chainId());
        }
        this.contracts = contracts;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.gas = Objects.requireNonNull(gas, "gas");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.sender = new TransactionSender(client, Objects.requireNonNull(searcher, "searcher"), settings, scheduler);
        this.reads = new ChainReads(client, contracts, sender.searcherAddress());
    }

    @Override
    public long chainId() {
        return contracts.chainId();
    }

    @Override
    public Flux<Execution> executions(Flux<Opportunity> opportunities) {
        return reports(opportunities).map(ExecutionReport::execution);
    }

    @Override
    public Flux<ExecutionReport> reports(Flux<Opportunity> opportunities) {
        return latestOneAtATime(opportunities.filter(this::wanted), this::claimed);
    }

    @Override
    public Flux<ExecutionReport> reportsFromViews(Flux<RankedView> views) {
        // The latest view again every FIRST_RETRY, so a skipped opportunity is retried on a chain whose book is quiet.
        Flux<Opportunity> best = repeatLatest(views, FIRST_RETRY, scheduler).flatMapIterable(view -> view.top().stream()
                .filter(o -> wanted(o) && attempts.due(o.id(), sourceBlock(o), now())).limit(1).toList());
        return latestOneAtATime(best, this::claimed);
    }

    /**
     * Each element of {@code source}, then the latest one again every {@code every} until the next arrives; completes
     * when {@code source} completes. Repeats that find no demand are dropped.
     */
    static <T> Flux<T> repeatLatest(Flux<T> source, Duration every, Scheduler timer) {
        return source.map(Optional::of).concatWith(Mono.just(Optional.empty()))
                .switchMap(latest -> latest.map(value -> Flux.interval(every, every, timer).onBackpressureDrop()
                        .map(tick -> value).startWith(value)).orElseGet(Flux::empty));
    }

    /** One attempt of {@code o} if the attempt log lets it run now, recording in the log how it ended. */
    private Mono<ExecutionReport> claimed(Opportunity o) {
        long block = sourceBlock(o);
        if (!attempts.claim(o.id(), block, now())) {
            return Mono.empty();
        }
        return guarded(o, false)
                .doOnNext(report -> attempts.finished(o.id(), block, report.execution().txHash() != null, now()))
                .doOnCancel(() -> attempts.finished(o.id(), block, false, now()));
    }

    private long sourceBlock(Opportunity o) {
        return o.blockNumbers().get(chainId());
    }

    /**
     * Runs {@code attempt} for one element at a time, requesting the next only when the last attempt finished (prefetch
     * 0), and keeps only the newest element that arrives meanwhile, so the input never waits.
     */
    static <T, R> Flux<R> latestOneAtATime(Flux<T> input, Function<T, Mono<R>> attempt) {
        return input.onBackpressureLatest().concatMap(attempt, 0);
    }

    @Override
    public Mono<ExecutionReport> execute(Opportunity opportunity) {
        return guarded(opportunity, true);
    }

    @Override
    public boolean seedFairPulls(String token, PullHistory history) {
        return fair.seed(token, history);
    }

    /** One attempt unless another is in flight: then an error for a direct call, a SKIPPED report inside the stream. */
    private Mono<ExecutionReport> guarded(Opportunity opportunity, boolean failWhenBusy) {
        return Mono.defer(() -> {
            Attempt attempt = new Attempt(opportunity, chainId(), this::now);
            if (!busy.compareAndSet(false, true)) {
                String reason = "an attempt on chain " + chainId() + " is already in flight";
                return failWhenBusy ? Mono.error(new IllegalStateException(reason)) : Mono.just(attempt.skipped(reason));
            }
            return attempt(attempt).doOnTerminate(() -> busy.set(false)).doOnCancel(() -> busy.set(false));
        });
    }

    private boolean wanted(Opportunity o) {
        return o.kind() == Opportunity.Kind.CYCLIC && o.chains().equals(List.of(chainId()))
                && o.netProfit().compareTo(settings.minNetProfit()) >= 0;
    }

    private Mono<ExecutionReport> attempt(Attempt a) {
        Opportunity o = a.opportunity();
        if (o.kind() != Opportunity.Kind.CYCLIC) {
            return Mono.just(a.skipped("cross-chain opportunities are not executed"));
        }
        if (!o.chains().equals(List.of(chainId()))) {
            return Mono.just(a.skipped("opportunity is on chain " + o.chains() + ", this executor sends to " + chainId()));
        }
        List<String> pools = o.route().stream().map(RouteHop::pool).toList();
        return reads.head()
                .flatMap(head -> Mono.zip(reads.reserves(pools, head.number()), reads.flashFeeBps(head.number()),
                                reads.liquidity(o.baseToken(), head.number()))
                        .flatMap(t -> prepare(a, head, t.getT1(), t.getT2(), t.getT3())))
                .flatMap(prepared -> sendAndFollow(a, prepared))
                .onErrorResume(e -> Mono.just(a.skipped(e instanceof Skip ? e.getMessage() : "failed before sending: " + RevertReason.of(e))))
                .doOnNext(this::log);
    }

    /** A transaction ready to sign: calldata, gas limit, the base fee it is priced on, the liquidity it was planned on. */
    private record Prepared(String data, BigInteger gasLimit, BigInteger baseFee, Map<String, BigInteger> available) {
    }

    private Mono<Prepared> prepare(Attempt a, ChainReads.Head head, PoolQueryClient.Reserves reserves, int flashFeeBps,
                                   Map<String, BigInteger> available) {
        Opportunity o = a.opportunity();
        a.quotedBlock = head.number();
        ExactRoute route = Requote.route(o.route(), reserves, flashFeeBps);
        BigInteger liquidity = PullPlan.total(available);
        Optional<RouteQuote> best = Requote.best(route, liquidity);
        if (best.isEmpty()) {
            a.expectedProfit = route.profit(o.amountIn());
            return Mono.error(new Skip(liquidity.signum() == 0 ? "no FlashBank liquidity in " + o.baseToken()
                    : "no longer pays: at block " + head.number() + " the scanned input returns " + a.expectedProfit + " after the fee"));
        }
        RouteQuote quote = best.get();
        a.amountIn = quote.amountIn();
        a.expectedProfit = quote.profitAfterFee();
        BigInteger gasPrice = head.baseFee().add(settings.priorityFeeWei());
        BigInteger modelGasCost = gasCost(o, BigInteger.valueOf(gas.gasUnits(o.route().size())), gasPrice);
        BigInteger net = quote.profitAfterFee().subtract(modelGasCost);
        if (net.compareTo(settings.minNetProfit()) < 0) {
            return Mono.error(new Skip("no longer pays: net " + net + " below the minimum " + settings.minNetProfit() + " at block " + head.number()
                    + " (after the flash fee " + quote.profitAfterFee() + ", gas " + modelGasCost + ")"));
        }
        List<String> providers = settings.pullMode() == PullMode.PRO_RATA ? List.of()
                : (settings.pullMode() == PullMode.FAIR ? fair.plan(o.baseToken(), available, quote.amountIn())
                        : PullPlan.greedy(available, quote.amountIn()))
                        .orElseThrow(() -> new Skip("no pull plan covers " + quote.amountIn())).providers();
        // On-chain floor: never pay more gas than the trade earns, whatever happens between here and the block.
        BigInteger minProfit = modelGasCost.add(settings.minNetProfit());
        String data = ExecutorAbi.execute(contracts.flashBank(), o.baseToken(), quote.amountIn(), providers, o.route(), minProfit);
        return reads.simulate(data)
                .onErrorMap(e -> new Skip("simulation: " + RevertReason.of(e)))
                .zipWith(reads.estimateGas(data).map(Estimate::of).onErrorResume(e -> Mono.just(Estimate.failed(e))))
                .map(t -> {
                    BigInteger estimate = t.getT2().gasOrSkip();
                    a.expectedProfit = t.getT1();
                    BigInteger netAfter = t.getT1().subtract(gasCost(o, estimate, gasPrice));
                    if (netAfter.compareTo(settings.minNetProfit()) < 0) {
                        throw new Skip("no longer pays: net " + netAfter + " below the minimum " + settings.minNetProfit() + " with the estimated "
                                + estimate + " gas");
                    }
                    return new Prepared(data, gasLimit(estimate, o.route().size()), head.baseFee(), available);
                });
    }

    /**
     * {@code estimate × gasMultiplier}, and never less than the estimate plus two fresh price-accumulator writes per
     * hop: the estimate runs at the latest block's timestamp, where a pair already updated in that block (the swap
     * that made the opportunity) skips its accumulator, but the transaction is mined in a later second and writes it.
     */
    private BigInteger gasLimit(BigInteger estimate, int hops) {
        BigInteger scaled = new BigDecimal(estimate).multiply(BigDecimal.valueOf(settings.gasMultiplier()))
                .setScale(0, RoundingMode.CEILING).toBigIntegerExact();
        return scaled.max(estimate.add(BigInteger.valueOf(hops * ORACLE_WRITES_PER_HOP)));
    }

    /** Gas in the base token: exact when it is the wrapped native token, else the scanner's conversion. */
    private BigInteger gasCost(Opportunity o, BigInteger units, BigInteger gasPrice) {
        return o.baseToken().equals(contracts.wrappedNative()) ? units.multiply(gasPrice) : o.gasCost();
    }

    private Mono<ExecutionReport> sendAndFollow(Attempt a, Prepared p) {
        a.sentAt = now();
        return sender.send(contracts.executor(), p.data(), p.gasLimit(), p.baseFee())
                .flatMap(tx -> sender.receipt(tx.hash())
                        .flatMap(receipt -> receipt.isPresent() ? outcome(a, tx, receipt.get(), p)
                                : Mono.fromSupplier(() -> {
                                    sender.resync();
                                    return a.finished(Execution.Status.TIMED_OUT, tx.hash(), BigInteger.ZERO, 0, BigInteger.ZERO, -1,
                                            "no receipt within " + settings.receiptTimeout());
                                }))
                        .onErrorResume(e -> !(e instanceof TransactionSender.Rejected), e -> Mono.just(a.finished(
                                Execution.Status.TIMED_OUT, tx.hash(), BigInteger.ZERO, 0, BigInteger.ZERO, -1, "receipt unreadable: " + e))))
                .onErrorResume(TransactionSender.Rejected.class, e -> Mono.just(a.skipped("node refused the transaction: " + e.getMessage())));
    }

    private Mono<ExecutionReport> outcome(Attempt a, SignedTransaction tx, TransactionReceipt receipt, Prepared p) {
        long block = receipt.blockNumber();
        long gasUsed = receipt.gasUsed();
        BigInteger price = receipt.effectiveGasPrice();
        if (receipt.succeeded()) {
            gas.observe(a.opportunity().route().size(), gasUsed);
            recordPulls(tx, receipt, p);
            BigInteger profit = ExecutorAbi.executed(receipt, contracts.executor()).map(ExecutorAbi.Executed::profit).orElseGet(() -> {
                LOG.warn("chain {}: {} succeeded without an Executed event", chainId(), tx.hash());
                return BigInteger.ZERO;
            });
            return Mono.just(a.finished(Execution.Status.MINED, tx.hash(), profit, gasUsed, price, block, null));
        }
        return reads.replay(p.data(), block)
                .onErrorResume(e -> Mono.just("reverted on-chain; replaying it failed: " + RevertReason.of(e)))
                .map(reason -> a.finished(Execution.Status.REVERTED, tx.hash(), BigInteger.ZERO, gasUsed, price, block, reason));
    }

    /** The fair schedule moves by what the chain pulled (the FlashLoan event), never by the plan alone. */
    private void recordPulls(SignedTransaction tx, TransactionReceipt receipt, Prepared p) {
        if (settings.pullMode() != PullMode.FAIR) {
            return;
        }
        try {
            LoanPulls.in(receipt, contracts.flashBank()).ifPresentOrElse(loan -> fair.record(loan, p.available()),
                    () -> LOG.warn("chain {}: {} succeeded without a FlashLoan event; the fair schedule is unchanged", chainId(), tx.hash()));
        } catch (IllegalArgumentException e) {
            LOG.warn("chain {}: {}: FlashLoan event unreadable, the fair schedule is unchanged: {}", chainId(), tx.hash(), e.getMessage());
        }
    }

    private void log(ExecutionReport report) {
        Execution e = report.execution();
        if (e.status() == Execution.Status.SKIPPED) {
            LOG.debug("chain {}: skipped {}: {}", e.chainId(), e.opportunityId(), e.reason());
        } else {
            LOG.info("chain {}: {} {} tx {} in: {} expected: {} realized: {} gas: {} block: {}{}", e.chainId(), e.status(),
                    e.opportunityId(), e.txHash(), e.amountIn(), e.expectedProfit(), e.realizedProfit(), e.gasUsed(), e.blockNumber(),
                    e.reason() == null ? "" : " reason: " + e.reason());
        }
    }

    private Instant now() {
        return Instant.ofEpochMilli(scheduler.now(TimeUnit.MILLISECONDS));
    }

    /** {@code eth_estimateGas}'s answer, or why the node refused it (reported only when the simulation succeeded). */
    private record Estimate(BigInteger gas, Throwable error) {
        static Estimate of(BigInteger gas) {
            return new Estimate(gas, null);
        }

        static Estimate failed(Throwable error) {
            return new Estimate(null, error);
        }

        BigInteger gasOrSkip() {
            if (gas == null) {
                throw new Skip("eth_estimateGas on the pending block failed although eth_call on the latest succeeded"
                        + " (a pending transaction changes the outcome?): " + RevertReason.of(error));
            }
            return gas;
        }
    }

    /** Why an attempt stopped before sending; carries no stack trace, it is an outcome, not a fault. */
    private static final class Skip extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Skip(String reason) {
            super(reason, null, false, false);
        }
    }
}
