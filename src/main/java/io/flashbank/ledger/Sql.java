package io.flashbank.ledger;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The few R2DBC idioms the ledger uses: a connection per unit of work, transactions, positional binds. */
final class Sql {
    /** A null bound as {@code type}: R2DBC needs the type of a null. */
    record Null(Class<?> type) {
    }

    private Sql() {
    }

    /**
     * Runs {@code work} in one transaction on a pooled connection: committed when it succeeds, rolled back when it
     * fails or is cancelled (a timeout), and the connection always goes back to the pool.
     */
    static <T> Mono<T> inTransaction(ConnectionFactory pool, Function<Connection, Mono<T>> work) {
        return Mono.usingWhen(pool.create(),
                c -> Mono.from(c.beginTransaction())
                        .then(Mono.defer(() -> work.apply(c)).singleOptional())
                        .flatMap(result -> Mono.from(c.commitTransaction()).then(Mono.justOrEmpty(result))),
                Connection::close,
                (c, error) -> Mono.from(c.rollbackTransaction()).onErrorResume(e -> Mono.empty()).then(Mono.from(c.close())),
                c -> Mono.from(c.rollbackTransaction()).onErrorResume(e -> Mono.empty()).then(Mono.from(c.close())));
    }

    /** Runs {@code work} on a pooled connection outside a transaction; the connection goes back when it ends. */
    static <T> Flux<T> withConnection(ConnectionFactory pool, Function<Connection, Flux<T>> work) {
        return Flux.usingWhen(pool.create(), work, Connection::close);
    }

    /** Runs {@code sql} without parameters (the simple protocol: several statements may be separated by ';'). */
    static Mono<Void> execute(Connection c, String sql) {
        return Flux.from(c.createStatement(sql).execute()).concatMap(Result::getRowsUpdated).then();
    }

    /** Runs one parameterised statement ({@code $1}, {@code $2}, … bound to {@code args}); emits the rows it changed. */
    static Mono<Long> update(Connection c, String sql, Object... args) {
        return Flux.from(bind(c.createStatement(sql), args).execute())
                .concatMap(Result::getRowsUpdated)
                .reduce(0L, Long::sum);
    }

    /** Binds {@code args} to {@code $1…$n}; a {@link Null} binds a typed null. */
    static Statement bind(Statement statement, Object... args) {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            if (arg == null) {
                throw new IllegalArgumentException("bind a typed Sql.Null for parameter $" + (i + 1));
            }
            if (arg instanceof Null n) {
                statement.bindNull(i, n.type());
            } else {
                statement.bind(i, arg);
            }
        }
        return statement;
    }

    /** {@code value}, or a typed null of {@code type} when it is null. */
    static Object nullable(Object value, Class<?> type) {
        return value == null ? new Null(type) : value;
    }
}
