package io.flashbank.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * One event of the SSE monitor ({@code GET /events}): {@link #type()} is the SSE event name and the record, written by
 * Jackson, its {@code data}. Amounts are decimal strings in the token's smallest unit; null values are written as null.
 */
public sealed interface MonitorEvent {
    /** The SSE event name. */
    String type();

    /** A canonical block of one chain was processed ({@code backfilled} when it was fetched to fill a gap). */
    record Head(long chainId, long number, String hash, long timestamp, boolean backfilled, int syncs) implements MonitorEvent {
        @Override
        public String type() {
            return "head";
        }
    }

    /** Connected to a chain's node at {@code url}. */
    record Connected(long chainId, String url) implements MonitorEvent {
        @Override
        public String type() {
            return "connected";
        }
    }

    /** Blocks after {@code ancestor} were replaced; the pools they touched were re-read. */
    record Reorg(long chainId, long ancestor, int depth, int poolsReread) implements MonitorEvent {
        @Override
        public String type() {
            return "reorg";
        }
    }

    /** The start-up snapshot read {@code read} of the {@code total} pairs {@code factory} lists. */
    record SnapshotProgress(long chainId, String factory, long read, long total) implements MonitorEvent {
        @Override
        public String type() {
            return "snapshotProgress";
        }
    }

    /** The start-up snapshot of one chain finished. */
    record Snapshot(long chainId, long blockNumber, int pools, long millis) implements MonitorEvent {
        @Override
        public String type() {
            return "snapshot";
        }
    }

    /** One scan window closed: candidates scanned, how many paid, opportunities kept, scan time, kernel and device. */
    record Window(long windowIndex, @JsonSerialize(using = ToStringSerializer.class) Instant closedAt, int candidatesScanned,
                  int candidatesProfitable, int opportunities, long scanNanos, String kernel, String device) implements MonitorEvent {
        public Window {
            Objects.requireNonNull(closedAt, "closedAt");
        }

        @Override
        public String type() {
            return "window";
        }
    }

    /**
     * One execution attempt ended; {@code txHash} null when nothing was sent, {@code reason} null when it paid.
     *
     * @param status {@code mined}, {@code reverted}, {@code skipped} or {@code timed_out}
     * @param millis from sending (or giving up) to knowing the outcome
     */
    record Execution(long chainId, String opportunityId, String status, String txHash, String token,
                     @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger amountIn,
                     @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger expectedProfit,
                     @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger realizedProfit,
                     long gasUsed, @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger effectiveGasPrice, long blockNumber,
                     String reason, long millis) implements MonitorEvent {
        @Override
        public String type() {
            return "execution";
        }
    }

    /**
     * The outcome of a transaction broadcast through the API: {@code success} or {@code reverted} with its block and gas,
     * or {@code pending} (block and gas left out) when no receipt came in time.
     */
    record Transaction(long chainId, String hash, String status, @JsonInclude(JsonInclude.Include.NON_NULL) Long blockNumber,
                       @JsonInclude(JsonInclude.Include.NON_NULL) @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger gasUsed)
            implements MonitorEvent {
        @Override
        public String type() {
            return "transaction";
        }
    }

    /** The ledger indexed blocks {@code fromBlock..toBlock} of one chain in one batch. */
    record LedgerBatch(long chainId, long fromBlock, long toBlock, int rows, int loans, int feeShares, long millis)
            implements MonitorEvent {
        @Override
        public String type() {
            return "ledger";
        }
    }

    /** The ledger deleted what it had indexed from orphaned blocks {@code ancestor+1..orphanedTo}. */
    record LedgerRollback(long chainId, long ancestor, long orphanedTo, int rowsDeleted) implements MonitorEvent {
        @Override
        public String type() {
            return "ledgerRollback";
        }
    }

    /**
     * A stage failed or lost something. The fields a failure has no value for are left out: {@code chainId} for a stage
     * of all chains; {@code hash} and {@code status} ({@code unknown}) name a broadcast whose outcome could not be read.
     */
    record Error(@JsonInclude(JsonInclude.Include.NON_NULL) Long chainId, @JsonInclude(JsonInclude.Include.NON_NULL) String stage,
                 @JsonInclude(JsonInclude.Include.NON_NULL) String hash, @JsonInclude(JsonInclude.Include.NON_NULL) String status,
                 String message) implements MonitorEvent {
        /** A failure of {@code stage} on one chain, or of all chains when {@code chainId} is null. */
        public static Error of(Long chainId, String stage, String message) {
            return new Error(chainId, stage, null, null, message);
        }

        @Override
        public String type() {
            return "error";
        }
    }
}
