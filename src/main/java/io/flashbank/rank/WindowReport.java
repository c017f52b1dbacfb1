package io.flashbank.rank;

import io.flashbank.market.Pool;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one scan window found: the candidates it scanned (those touching pools changed since the previous scan), how
 * long the kernel took, and the opportunities that pay after re-quoting, best first.
 *
 * @param windowIndex the tick that closed the window (0 for the first); gaps mean ticks dropped while a scan ran
 * @param closedAt when the window's scan began, on the scanner's timer clock (its tick, or later if the scan
 *     thread was busy); also the {@code detectedAt} of its opportunities
 * @param candidatesScanned candidates the kernel evaluated
 * @param opportunitiesFound candidates with a positive double-precision profit (before re-quote, gas and threshold)
 * @param scanNanos wall time of the kernel call
 * @param kernel the kernel's name
 * @param changedPools the pools whose changes this window scanned: book entries touching them are stale unless listed
 * @param opportunities exactly priced, paying at least the minimum net profit, by net profit descending
 */
public record WindowReport(long windowIndex, Instant closedAt, int candidatesScanned, int opportunitiesFound,
                           long scanNanos, String kernel, Set<Pool.PoolKey> changedPools,
                           List<Opportunity> opportunities) {
    public WindowReport {
        if (windowIndex < 0 || candidatesScanned < 0 || opportunitiesFound < 0 || scanNanos < 0) {
            throw new IllegalArgumentException("windowIndex, candidatesScanned, opportunitiesFound and scanNanos must "
                    + "not be negative");
        }
        Objects.requireNonNull(closedAt, "closedAt");
        Objects.requireNonNull(kernel, "kernel");
        changedPools = Set.copyOf(changedPools);
        opportunities = List.copyOf(opportunities);
    }
}
