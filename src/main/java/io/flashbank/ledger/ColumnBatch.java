package io.flashbank.ledger;

import io.r2dbc.spi.Connection;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Rows for one table collected column by column and inserted with a single statement: each column is bound as one
 * text array and {@code unnest} turns the arrays back into rows, so a batch of any size is one round trip. Rows whose
 * key is already there are skipped ({@code ON CONFLICT DO NOTHING}), which makes replaying a batch harmless.
 */
final class ColumnBatch {
    private final String table;
    private final String[] names;
    private final String[] types;
    private final List<List<String>> columns = new ArrayList<>();

    /**
     * @param table the table, whose first key column is {@code chain_id} (bound once per batch)
     * @param columns the other columns as {@code "name type"}; type {@code text?} is a text column where "" means null
     */
    ColumnBatch(String table, String... columns) {
        this.table = table;
        this.names = new String[columns.length];
        this.types = new String[columns.length];
        for (int i = 0; i < columns.length; i++) {
            String[] parts = columns[i].split(" ");
            names[i] = parts[0];
            types[i] = parts[1];
            this.columns.add(new ArrayList<>());
        }
    }

    /** Adds a row: one value per column, in order (written with {@code toString}; null only for {@code text?}). */
    void add(Object... values) {
        if (values.length != names.length) {
            throw new IllegalArgumentException(table + " takes " + names.length + " values per row, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null && !"text?".equals(types[i])) {
                throw new IllegalArgumentException(table + "." + names[i] + " must not be null");
            }
            columns.get(i).add(values[i] == null ? "" : values[i].toString());
        }
    }

    int size() {
        return columns.get(0).size();
    }

    /** Inserts the rows for {@code chainId}; emits how many were new (0 without a statement when there are none). */
    Mono<Long> insert(Connection connection, long chainId) {
        if (size() == 0) {
            return Mono.just(0L);
        }
        Object[] args = new Object[names.length + 1];
        args[0] = chainId;
        for (int i = 0; i < names.length; i++) {
            args[i + 1] = columns.get(i).toArray(new String[0]);
        }
        return Sql.update(connection, sql(), args);
    }

    String sql() {
        StringBuilder select = new StringBuilder();
        StringBuilder arrays = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            String sep = i == 0 ? "" : ", ";
            String value = switch (types[i]) {
                case "text" -> "u." + names[i];
                case "text?" -> "NULLIF(u." + names[i] + ", '')";
                default -> "u." + names[i] + "::" + types[i];
            };
            select.append(", ").append(value);
            arrays.append(sep).append('$').append(i + 2).append("::text[]");
        }
        return "INSERT INTO " + table + " (chain_id, " + String.join(", ", names) + ") SELECT $1" + select
                + " FROM unnest(" + arrays + ") AS u(" + String.join(", ", names) + ") ON CONFLICT DO NOTHING";
    }
}
