package io.flashbank.ledger;

import io.flashbank.execute.Execution;
import io.flashbank.execute.PullHistory;
import io.flashbank.market.Addresses;
import io.flashbank.rank.Opportunity;
import io.flashbank.rank.RouteHop;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Row;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** The {@link Ledger} over PostgreSQL: executions, opportunity samples and the API's queries. */
final class PostgresLedger implements Ledger {
    static final int LATEST_LOANS_PER_POSITION = 20;
    static final int MAX_LOANS = 1_000;

    private final ConnectionFactory pool;
    private final Duration timeout;
    private final Scheduler timer;
    private final OpportunitySampler sampler;

    PostgresLedger(ConnectionFactory pool, Duration timeout, Scheduler timer, OpportunitySampler sampler) {
        this.pool = pool;
        this.timeout = timeout;
        this.timer = timer;
        this.sampler = sampler;
    }

    @Override
    public Mono<Void> record(Execution e) {
        return Mono.defer(() -> {
            String txHash = e.txHash() == null ? null : Amounts.requireHash(e.txHash(), "txHash");
            String token = Addresses.normalize(e.token(), "token");
            if (e.chainId() <= 0) {
                throw new IllegalArgumentException("chainId must be positive, got " + e.chainId());
            }
            return guard(Sql.inTransaction(pool, c -> Sql.update(c, "INSERT INTO executions (opportunity_id, chain_id, status, tx_hash, "
                            + "token, amount_in, expected_profit, realized_profit, gas_used, effective_gas_price, block_number, reason, "
                            + "submitted_at, finished_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
                            + "ON CONFLICT (chain_id, tx_hash) WHERE tx_hash IS NOT NULL DO UPDATE SET opportunity_id = EXCLUDED.opportunity_id, "
                            + "status = EXCLUDED.status, token = EXCLUDED.token, amount_in = EXCLUDED.amount_in, "
                            + "expected_profit = EXCLUDED.expected_profit, realized_profit = EXCLUDED.realized_profit, "
                            + "gas_used = EXCLUDED.gas_used, effective_gas_price = EXCLUDED.effective_gas_price, "
                            + "block_number = EXCLUDED.block_number, reason = EXCLUDED.reason, submitted_at = EXCLUDED.submitted_at, "
                            + "finished_at = EXCLUDED.finished_at, recorded_at = now()",
                    e.opportunityId(), e.chainId(), e.status().name(), Sql.nullable(txHash, String.class), token,
                    numeric(e.amountIn()), numeric(e.expectedProfit()), numeric(e.realizedProfit()), e.gasUsed(),
                    numeric(e.effectiveGasPrice()), e.blockNumber(), Sql.nullable(e.reason(), String.class), time(e.submittedAt()),
                    time(e.finishedAt()))), "recording execution " + e.opportunityId());
        }).then();
    }

    @Override
    public Mono<Void> sample(Opportunity o) {
        return Mono.defer(() -> {
            if (!sampler.pick(o.id())) {
                return Mono.empty();
            }
            String chains = o.chains().stream().map(String::valueOf).collect(Collectors.joining(","));
            return guard(Sql.inTransaction(pool, c -> Sql.update(c, "INSERT INTO opportunity_samples (opportunity_id, kind, chains, "
                            + "base_token, route, amount_in, expected_profit, flash_fee, gas_cost, net_profit, detected_at) "
                            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                    o.id(), o.kind().wireName(), chains, o.baseToken(), routeJson(o.route()), numeric(o.amountIn()),
                    numeric(o.expectedProfit()), numeric(o.flashFee()), numeric(o.gasCost()), numeric(o.netProfit()),
                    time(o.detectedAt()))), "sampling opportunity " + o.id());
        }).then();
    }

    @Override
    public Mono<ProviderLedger> provider(String address) {
        return Mono.defer(() -> {
            String provider = Addresses.normalize(address, "address");
            return guard(Sql.inTransaction(pool, c -> Sql.execute(c, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                    .then(Flux.from(Sql.bind(c.createStatement(LedgerSql.POSITIONS), provider).execute())
                            .concatMap(r -> r.map((row, meta) -> positionRow(row)))
                            .collectList())
                    .flatMap(positions -> Flux.from(Sql.bind(c.createStatement(LedgerSql.PROVIDER_LOANS), provider,
                                    LATEST_LOANS_PER_POSITION).execute())
                            .concatMap(r -> r.map((row, meta) -> Map.entry(row.get("chain_id", Long.class) + "|" + row.get("token", String.class),
                                    new ProviderLoan(row.get("chain_id", Long.class), row.get("tx_hash", String.class),
                                            row.get("log_index", Long.class), row.get("block_number", Long.class), amount(row, "amount"),
                                            amount(row, "fee"), amount(row, "pulled"), amount(row, "fee_share")))))
                            .collectMultimap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new)
                            .map(loans -> new ProviderLedger(provider, positions.stream().map(p -> new ProviderPosition(p.chainId(),
                                    p.token(), p.commitment(), p.feesEarned(), p.withdrawn(),
                                    new ArrayList<>(loans.getOrDefault(p.chainId() + "|" + p.token(), List.of())))).toList())))),
                    "reading provider " + provider);
        });
    }

    private static ProviderPosition positionRow(Row row) {
        return new ProviderPosition(row.get("chain_id", Long.class), row.get("token", String.class), amount(row, "commitment"),
                amount(row, "earned"), amount(row, "withdrawn"), List.of());
    }

    @Override
    public Flux<LoanRecord> loans(Long chainId, int limit) {
        return Mono.defer(() -> {
            if (limit < 1 || limit > MAX_LOANS) {
                throw new IllegalArgumentException("limit must be 1 to " + MAX_LOANS + ", got " + limit);
            }
            if (chainId != null && chainId <= 0) {
                throw new IllegalArgumentException("chainId must be positive, got " + chainId);
            }
            String sql = chainId == null ? LedgerSql.LOANS : LedgerSql.LOANS_OF_CHAIN;
            Object[] args = chainId == null ? new Object[] {limit} : new Object[] {limit, chainId};
            return guard(Sql.withConnection(pool, c -> Flux.from(Sql.bind(c.createStatement(sql), args).execute())
                            .concatMap(r -> r.map((row, meta) -> LoanRow.of(row))))
                    .bufferUntilChanged(LoanRow::key)
                    .map(LoanRow::toRecord)
                    .collectList(), "reading loans");
        }).flatMapIterable(list -> list);
    }

    @Override
    public Mono<PullHistory> pullHistory(long chainId, String token, String initiator) {
        return Mono.defer(() -> {
            if (chainId <= 0) {
                throw new IllegalArgumentException("chainId must be positive, got " + chainId);
            }
            String t = Addresses.normalize(token, "token");
            String by = Addresses.normalize(initiator, "initiator");
            return guard(Sql.inTransaction(pool, c -> Sql.execute(c, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                    .then(Flux.from(Sql.bind(c.createStatement(LedgerSql.LOANS_BY_INITIATOR), chainId, t, by).execute())
                            .concatMap(r -> r.map((row, meta) -> Map.entry(row.get("loans", Long.class), amount(row, "largest"))))
                            .single())
                    .flatMap(loans -> Flux.from(Sql.bind(c.createStatement(LedgerSql.PULLED_BY_PROVIDER), chainId, t, by).execute())
                            .concatMap(r -> r.map((row, meta) -> Map.entry(row.get("provider", String.class), amount(row, "pulled"))))
                            .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                            .map(pulled -> new PullHistory(loans.getKey(), loans.getValue(), pulled)))),
                    "reading the pull history of " + t + " on chain " + chainId);
        });
    }

    @Override
    public Mono<Void> ping() {
        return guard(Sql.withConnection(pool, c -> Flux.from(c.createStatement("SELECT 1").execute())
                .concatMap(r -> r.map((row, meta) -> 1))).then(), "ping");
    }

    private <T> Mono<T> guard(Mono<T> call, String what) {
        return call.timeout(timeout, timer).onErrorMap(e -> !(e instanceof IllegalArgumentException || e instanceof LedgerUnavailableException),
                e -> new LedgerUnavailableException(what + ": " + (e instanceof TimeoutException
                        ? "the database did not answer within " + timeout.toMillis() + " ms" : "database error: " + e.getMessage()), e));
    }

    static BigInteger amount(Row row, String column) {
        BigDecimal value = row.get(column, BigDecimal.class);
        return value == null ? BigInteger.ZERO : value.toBigIntegerExact();
    }

    private static BigDecimal numeric(BigInteger value) {
        return new BigDecimal(value);
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String routeJson(List<RouteHop> route) {
        return route.stream().map(h -> "{\"chainId\":" + h.chainId() + ",\"pool\":\"" + h.pool() + "\",\"tokenIn\":\"" + h.tokenIn()
                + "\",\"tokenOut\":\"" + h.tokenOut() + "\"}").collect(Collectors.joining(",", "[", "]"));
    }
}
