package io.flashbank.scan;

import io.flashbank.market.MarketEvent;
import io.flashbank.market.MarketState;
import io.flashbank.market.Pool;
import io.flashbank.rank.Opportunity;
import io.flashbank.rank.WindowReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One subscription's market and scan buffers: applies events, and at each window scans the candidates touching pools
 * changed since the previous scan (and those the previous scan could not price yet), re-quotes the best exactly and
 * prices them. Confined to the scan scheduler.
 */
final class WindowScan {
    private final ScanSettings settings;
    private final ScanKernel kernel;
    private final MarketState market;
    private final ScanBatch batch;
    private final TopRows topRows;
    private final OpportunityPricer pricer;
    /** Candidates the last scan found profitable but could not price (no gas price or gas conversion pool yet). */
    private final BitSet unpriced = new BitSet();

    WindowScan(ScanSettings settings, ScanKernel kernel) {
        this.settings = settings;
        this.kernel = kernel;
        this.market = new MarketState(settings.market());
        this.batch = new ScanBatch(1024, settings.pricing().flashFeeRate());
        this.topRows = new TopRows(settings.requoteTopK());
        this.pricer = new OpportunityPricer(settings.pricing(), market);
    }

    void apply(MarketEvent event) {
        market.apply(event);
    }

    MarketState market() {
        return market;
    }

    /** Scans what changed since the last call and reports window {@code windowIndex}, closed at {@code closedAt}. */
    WindowReport close(long windowIndex, Instant closedAt) {
        List<Pool.PoolKey> changed = market.takeChangedPools();
        int[] candidates = withUnpriced(market.candidatesTouching(changed));
        // Sized for the whole market, so the arrays grow only when candidates are added, never per window.
        batch.ensureCapacity(market.candidateCount());
        batch.clear();
        for (int index : candidates) {
            int hops = market.hopCount(index);
            int row = batch.add(index, hops);
            for (int h = 0; h < hops; h++) {
                batch.setHop(row, h, market.reserveIn(index, h), market.reserveOut(index, h), market.gamma(index, h));
            }
        }
        long nanos = 0;
        if (batch.size() > 0) {
            long start = System.nanoTime();
            kernel.scan(batch);
            nanos = System.nanoTime() - start;
        }
        topRows.collect(batch);
        List<Opportunity> priced = new ArrayList<>();
        for (int row : topRows.rowsByProfitDescending()) {
            int index = batch.candidate()[row];
            Optional<Opportunity> opportunity = pricer.price(index, closedAt);
            opportunity.ifPresent(priced::add);
            if (opportunity.isEmpty() && pricer.gasCost(market.candidate(index)).isEmpty()) {
                unpriced.set(index);
            }
        }
        priced.sort(Comparator.comparing(Opportunity::netProfit).reversed().thenComparing(Opportunity::id));
        return new WindowReport(windowIndex, closedAt, batch.size(), topRows.positive(), nanos, kernel.name(),
                Set.copyOf(changed), priced);
    }

    /** {@code candidates} and the candidates left unpriced by the last scan, each once, ascending; forgets the latter. */
    private int[] withUnpriced(int[] candidates) {
        if (unpriced.isEmpty()) {
            return candidates;
        }
        for (int index : candidates) {
            unpriced.set(index);
        }
        int[] all = unpriced.stream().toArray();
        unpriced.clear();
        return all;
    }
}
