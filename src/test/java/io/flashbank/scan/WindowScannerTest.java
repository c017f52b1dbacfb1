package io.flashbank.scan;

import static io.flashbank.market.MarketFixture.ether;
import static io.flashbank.market.MarketFixture.state;
import static io.flashbank.scan.ScanFixture.CHAIN;
import static io.flashbank.scan.ScanFixture.CHEAP_USDC;
import static io.flashbank.scan.ScanFixture.DAI_A;
import static io.flashbank.scan.ScanFixture.DEAR_USDC;
import static io.flashbank.scan.ScanFixture.GAS_PRICE;
import static io.flashbank.scan.ScanFixture.MARKET;
import static io.flashbank.scan.ScanFixture.USDC;
import static io.flashbank.scan.ScanFixture.WETH;
import static io.flashbank.scan.ScanFixture.discovered;
import static io.flashbank.scan.ScanFixture.gas;
import static io.flashbank.scan.ScanFixture.usdcPool;
import static org.assertj.core.api.Assertions.assertThat;

import io.flashbank.market.ExactRoute;
import io.flashbank.market.Hop;
import io.flashbank.market.HopReserves;
import io.flashbank.market.MarketEvent;
import io.flashbank.market.RouteQuote;
import io.flashbank.rank.Opportunity;
import io.flashbank.rank.RouteHop;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class WindowScannerTest {
    private static final Duration WINDOW = Duration.ofSeconds(1);

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final ScanSettings settings = ScanSettings.defaults(MARKET);

    @Test
    void windowsCloseOnTimeAndTheFirstScansEveryCandidate() {
        WindowScanner scanner = new WindowScanner(settings, ScanKernel.jvm(), time, time);

        StepVerifier.withVirtualTime(() -> scanner.reports(Flux.just(discovered(), gas(CHAIN)).concatWith(Flux.never())),
                        () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(999))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(report -> {
                    assertThat(report.windowIndex()).isZero();
                    assertThat(report.closedAt()).isEqualTo(Instant.ofEpochSecond(1));
                    assertThat(report.candidatesScanned()).isEqualTo(4);
                    assertThat(report.opportunitiesFound()).isEqualTo(1);
                    assertThat(report.kernel()).isEqualTo("jvm");
                    assertThat(report.changedPools()).hasSize(4);
                    assertThat(report.opportunities()).singleElement().satisfies(o -> assertThat(o.route())
                            .extracting(RouteHop::pool)
                            .containsExactly(DEAR_USDC.address(), CHEAP_USDC.address()));
                })
                .expectNoEvent(Duration.ofMillis(999))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(report -> {
                    assertThat(report.windowIndex()).isEqualTo(1);
                    assertThat(report.closedAt()).isEqualTo(Instant.ofEpochSecond(2));
                })
                .thenCancel()
                .verify();
    }

    @Test
    void aMispricingInTheStartUpSnapshotIsReportedOnceTheChainsGasPriceArrivesInALaterWindow() {
        WindowScanner scanner = new WindowScanner(settings, ScanKernel.jvm(), time, time);
        Sinks.Many<MarketEvent> events = Sinks.many().unicast().onBackpressureBuffer();

        StepVerifier.withVirtualTime(() -> scanner.reports(events.asFlux()), () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .then(() -> events.tryEmitNext(discovered()))
                .thenAwait(WINDOW)
                .assertNext(report -> assertThat(report.opportunities()).as("no gas price yet: nothing can be priced").isEmpty())
                .then(() -> events.tryEmitNext(gas(CHAIN)))
                .thenAwait(WINDOW)
                .assertNext(report -> assertThat(report.opportunities()).as("the snapshot's mispricing, no Sync needed")
                        .singleElement().satisfies(o -> assertThat(o.route()).extracting(RouteHop::pool)
                                .containsExactly(DEAR_USDC.address(), CHEAP_USDC.address())))
                .then(() -> events.tryEmitNext(gas(CHAIN)))
                .thenAwait(WINDOW)
                .assertNext(report -> assertThat(report.candidatesScanned()).as("the same gas price again rescans nothing").isZero())
                .thenCancel()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void anEmptyWindowStillReports() {
        WindowScanner scanner = new WindowScanner(settings, ScanKernel.jvm(), time, time);

        StepVerifier.withVirtualTime(() -> scanner.reports(Flux.never()), () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(WINDOW.multipliedBy(3))
                .expectNextCount(3)
                .thenCancel()
                .verify();
    }

    @Test
    void emptyWindowsReportNothingScannedAndNothingFound() {
        WindowScanner scanner = new WindowScanner(settings, ScanKernel.jvm(), time, time);

        StepVerifier.withVirtualTime(() -> scanner.reports(Flux.never()), () -> time, Long.MAX_VALUE)
                .thenAwait(WINDOW)
                .assertNext(report -> {
                    assertThat(report.candidatesScanned()).isZero();
                    assertThat(report.opportunitiesFound()).isZero();
                    assertThat(report.opportunities()).isEmpty();
                    assertThat(report.changedPools()).isEmpty();
                    assertThat(report.scanNanos()).isZero();
                })
                .thenCancel()
                .verify();
    }

    @Test
    void onlyCandidatesTouchingPoolsChangedSinceTheLastWindowAreScanned() {
        WindowScanner scanner = new WindowScanner(settings, ScanKernel.jvm(), time, time);
        Sinks.Many<MarketEvent> events = Sinks.many().unicast().onBackpressureBuffer();

        StepVerifier.withVirtualTime(() -> scanner.reports(events.asFlux()), () -> time, Long.MAX_VALUE)
                .then(() -> events.tryEmitNext(discovered()))
                .then(() -> events.tryEmitNext(gas(CHAIN)))
                .thenAwait(WINDOW)
                .assertNext(report -> assertThat(report.candidatesScanned()).isEqualTo(4))
                .then(() -> events.tryEmitNext(new MarketEvent.ReservesChanged(CHAIN, 11, List.of(
                        state(DAI_A, WETH, ether(1_000), ether(1_990_000), 11)))))
                .thenAwait(WINDOW)
                .assertNext(report -> {
                    assertThat(report.candidatesScanned()).isEqualTo(2);
                    assertThat(report.changedPools()).containsExactly(DAI_A.key());
                })
                .thenAwait(WINDOW)
                .assertNext(report -> assertThat(report.candidatesScanned()).isZero())
                .thenCancel()
                .verify();
    }

    @Test
    void reportsOpportunitiesPricedExactlyNetOfFlashFeeAndGas() {
        WindowScanner scanner = new WindowScanner(settings, ScanKernel.jvm(), time, time);
        ExactRoute route = new ExactRoute(List.of(
                HopReserves.of(usdcPool(DEAR_USDC, 2_100, 10), new Hop(DEAR_USDC, WETH, USDC)),
                HopReserves.of(usdcPool(CHEAP_USDC, 2_000, 10), new Hop(CHEAP_USDC, USDC, WETH))), 2);
        RouteQuote best = route.optimum().orElseThrow();
        BigInteger gasCost = GAS_PRICE.multiply(BigInteger.valueOf(180_000));

        StepVerifier.withVirtualTime(() -> scanner.reports(Flux.just(discovered(), gas(CHAIN)).concatWith(Flux.never())),
                        () -> time, Long.MAX_VALUE)
                .thenAwait(WINDOW)
                .assertNext(report -> assertThat(report.opportunities()).singleElement().satisfies(o -> {
                    assertThat(o.kind()).isEqualTo(Opportunity.Kind.CYCLIC);
                    assertThat(o.chains()).containsExactly(CHAIN);
                    assertThat(o.baseToken()).isEqualTo(WETH);
                    assertThat(o.amountIn()).isEqualTo(best.amountIn());
                    assertThat(o.expectedProfit()).isEqualTo(best.grossProfit());
                    assertThat(o.flashFee()).isEqualTo(ExactRoute.flashFee(best.amountIn(), 2));
                    assertThat(o.gasCost()).isEqualTo(gasCost);
                    assertThat(o.netProfit()).isEqualTo(best.grossProfit().subtract(o.flashFee()).subtract(gasCost));
                    assertThat(o.blockNumbers()).isEqualTo(Map.of(CHAIN, 10L));
                    assertThat(o.detectedAt()).isEqualTo(Instant.ofEpochSecond(1));
                    assertThat(o.id()).isEqualTo(Opportunity.idOf(o.kind(), o.route()));
                }))
                .thenCancel()
                .verify();
    }

    @Test
    void aCandidateWhoseGasCannotBePricedIsFoundButNotReported() {
        WindowScanner scanner = new WindowScanner(settings, ScanKernel.jvm(), time, time);

        StepVerifier.withVirtualTime(() -> scanner.reports(Flux.just(discovered()).concatWith(Flux.never())),
                        () -> time, Long.MAX_VALUE)
                .thenAwait(WINDOW)
                .assertNext(report -> {
                    assertThat(report.opportunitiesFound()).isEqualTo(1);
                    assertThat(report.opportunities()).isEmpty();
                })
                .thenCancel()
                .verify();
    }

    @Test
    void aSlowScanDropsTheTicksThatFindItBusyButNoStateUpdate() {
        Queue<Runnable> scanThread = new ArrayDeque<>();
        Scheduler scan = Schedulers.fromExecutor(scanThread::add);
        WindowScanner scanner = new WindowScanner(settings, ScanKernel.jvm(), time, scan);
        Sinks.Many<MarketEvent> events = Sinks.many().unicast().onBackpressureBuffer();
        Runnable runScanThread = () -> {
            while (!scanThread.isEmpty()) {
                scanThread.poll().run();
            }
        };
        ExactRoute latest = new ExactRoute(List.of(
                HopReserves.of(usdcPool(DEAR_USDC, 2_200, 12), new Hop(DEAR_USDC, WETH, USDC)),
                HopReserves.of(usdcPool(CHEAP_USDC, 2_000, 10), new Hop(CHEAP_USDC, USDC, WETH))), 2);

        StepVerifier.withVirtualTime(() -> scanner.reports(events.asFlux()), () -> time, Long.MAX_VALUE)
                .then(() -> events.tryEmitNext(discovered()))
                .then(() -> events.tryEmitNext(gas(CHAIN)))
                .then(runScanThread)
                // Window 0 closes, but the scan thread is busy (its tasks do not run) while two blocks arrive
                // and three more windows close.
                .thenAwait(WINDOW)
                .then(() -> events.tryEmitNext(new MarketEvent.ReservesChanged(CHAIN, 11,
                        List.of(usdcPool(DEAR_USDC, 2_150, 11)))))
                .then(() -> events.tryEmitNext(new MarketEvent.ReservesChanged(CHAIN, 12,
                        List.of(usdcPool(DEAR_USDC, 2_200, 12)))))
                .thenAwait(WINDOW.multipliedBy(3))
                .then(runScanThread)
                .assertNext(report -> assertThat(report.windowIndex()).isZero())
                .thenAwait(WINDOW)
                .then(runScanThread)
                .assertNext(report -> {
                    assertThat(report.windowIndex()).isEqualTo(4);
                    assertThat(report.changedPools()).containsExactly(DEAR_USDC.key());
                    assertThat(report.candidatesScanned()).isEqualTo(2);
                    assertThat(report.opportunities()).singleElement().satisfies(o -> {
                        assertThat(o.blockNumbers()).containsEntry(CHAIN, 12L);
                        assertThat(o.amountIn()).isEqualTo(latest.optimum().orElseThrow().amountIn());
                    });
                })
                .thenCancel()
                .verify();
    }

    @Test
    void reportsCompleteWhenTheEventsComplete() {
        WindowScanner scanner = new WindowScanner(settings, ScanKernel.jvm(), time, time);

        StepVerifier.withVirtualTime(() -> scanner.reports(Flux.just(discovered())), () -> time, Long.MAX_VALUE)
                .verifyComplete();
    }

    @Test
    void reportsFailWithTheErrorOfTheEvents() {
        WindowScanner scanner = new WindowScanner(settings, ScanKernel.jvm(), time, time);

        StepVerifier.withVirtualTime(() -> scanner.reports(Flux.error(new IllegalStateException("chain 1 lost"))),
                        () -> time, Long.MAX_VALUE)
                .verifyErrorMessage("chain 1 lost");
    }

    @Test
    void reQuotesOnlyTheTopKCandidates() {
        ScanSettings oneRequote = new ScanSettings(WINDOW, 1, 50, PricingSettings.defaults(), MARKET);
        WindowScanner scanner = new WindowScanner(oneRequote, ScanKernel.jvm(), time, time);
        MarketEvent secondPayingPair = new MarketEvent.ReservesChanged(CHAIN, 11, List.of(
                state(DAI_A, WETH, ether(1_000), ether(2_200_000), 11)));

        StepVerifier.withVirtualTime(() -> scanner.reports(
                                Flux.just(discovered(), secondPayingPair, gas(CHAIN)).concatWith(Flux.never())),
                        () -> time, Long.MAX_VALUE)
                .thenAwait(WINDOW)
                .assertNext(report -> {
                    assertThat(report.opportunitiesFound()).isEqualTo(2);
                    assertThat(report.opportunities()).singleElement()
                            .satisfies(o -> assertThat(Set.of(o.route().get(0).pool(), o.route().get(1).pool()))
                                    .contains(DAI_A.address()));
                })
                .thenCancel()
                .verify();
    }
}
