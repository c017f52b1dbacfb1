package io.flashbank.rank;

import static io.flashbank.rank.OpportunityFixture.cycle;
import static io.flashbank.rank.OpportunityFixture.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.subscriber.TestSubscriber;

class OpportunityBookTest {
    private static final Instant T1 = Instant.ofEpochSecond(1);
    private static final Instant T2 = Instant.ofEpochSecond(2);

    private final OpportunityBook book = new OpportunityBook(3);

    @Test
    void ranksOpportunitiesOfAllReportsByNetProfitDescending() {
        book.accept(report(0, Set.of("a", "b"), cycle("a", "b", 10, T1), cycle("b", "a", 30, T1)));
        book.accept(report(0, Set.of("c", "d"), cycle("c", "d", 20, T1)));

        assertThat(book.top(10)).extracting(o -> o.netProfit().longValue()).containsExactly(30L, 20L, 10L);
    }

    @Test
    void aNewerOpportunityWithTheSameIdReplacesTheOlder() {
        book.accept(report(0, Set.of("a", "b"), cycle("a", "b", 10, T1)));
        book.accept(report(1, Set.of(), cycle("a", "b", 40, T2)));

        assertThat(book.top(10)).singleElement().satisfies(o -> {
            assertThat(o.netProfit()).isEqualTo(40);
            assertThat(o.detectedAt()).isEqualTo(T2);
        });
    }

    @Test
    void anOlderOpportunityDoesNotReplaceANewerOne() {
        book.accept(report(1, Set.of(), cycle("a", "b", 40, T2)));
        book.accept(report(0, Set.of(), cycle("a", "b", 10, T1)));

        assertThat(book.top(10)).singleElement().satisfies(o -> assertThat(o.netProfit()).isEqualTo(40));
    }

    @Test
    void anOpportunityWhosePoolsChangedAndNoLongerPaysIsRemoved() {
        book.accept(report(0, Set.of("a", "b", "c", "d"), cycle("a", "b", 10, T1), cycle("c", "d", 20, T1)));

        book.accept(report(1, Set.of("b")));

        assertThat(book.top(10)).extracting(o -> o.netProfit().longValue()).containsExactly(20L);
    }

    @Test
    void opportunitiesWhosePoolsDidNotChangeStay() {
        book.accept(report(0, Set.of("a", "b"), cycle("a", "b", 10, T1)));

        book.accept(report(1, Set.of("x")));

        assertThat(book.top(10)).hasSize(1);
    }

    @Test
    void keepsOnlyTheBestUpToItsCapacity() {
        book.accept(report(0, Set.of(), cycle("a", "b", 10, T1), cycle("c", "d", 20, T1), cycle("e", "f", 30, T1),
                cycle("g", "h", 40, T1)));

        assertThat(book.top(10)).extracting(o -> o.netProfit().longValue()).containsExactly(40L, 30L, 20L);
        assertThat(book.top(2)).hasSize(2);
        assertThat(book.top(0)).isEmpty();
    }

    @Test
    void viewsStartWithTheCurrentOneAndFollowEachChangeWithTheNextVersion() {
        book.accept(report(0, Set.of(), cycle("a", "b", 10, T1)));

        StepVerifier.create(book.views())
                .assertNext(view -> {
                    assertThat(view.version()).isEqualTo(1);
                    assertThat(view.top()).hasSize(1);
                })
                .then(() -> book.accept(report(1, Set.of(), cycle("c", "d", 20, T1))))
                .assertNext(view -> {
                    assertThat(view.version()).isEqualTo(2);
                    assertThat(view.top()).extracting(o -> o.netProfit().longValue()).containsExactly(20L, 10L);
                })
                .thenCancel()
                .verify();
    }

    @Test
    void aReportThatChangesNothingEmitsNoView() {
        book.accept(report(0, Set.of(), cycle("a", "b", 10, T1)));

        StepVerifier.withVirtualTime(book::views)
                .expectNextMatches(view -> view.version() == 1)
                .then(() -> book.accept(report(1, Set.of("x"))))
                .then(() -> book.accept(report(2, Set.of(), cycle("a", "b", 10, T1))))
                .expectNoEvent(Duration.ofSeconds(1))
                .thenCancel()
                .verify();
        assertThat(book.current().version()).isEqualTo(1);
    }

    @Test
    void aSlowSubscriberGetsTheLatestViewAndNeverHoldsUpTheProducer() {
        StepVerifier.withVirtualTime(book::views, 1)
                .expectNextMatches(view -> view.version() == 0 && view.top().isEmpty())
                .then(() -> {
                    for (int i = 1; i <= 5; i++) {
                        book.accept(report(i, Set.of(), cycle("p" + i, "q" + i, i, T1)));
                    }
                })
                .expectNoEvent(Duration.ofSeconds(1))
                .then(() -> assertThat(book.current().version()).isEqualTo(5))
                .thenRequest(1)
                .assertNext(view -> {
                    assertThat(view.version()).isEqualTo(5);
                    assertThat(view.top()).extracting(o -> o.netProfit().longValue()).containsExactly(5L, 4L, 3L);
                })
                .thenRequest(1)
                .expectNoEvent(Duration.ofSeconds(1))
                .thenCancel()
                .verify();
    }

    @Test
    void aSlowSubscriberDoesNotDelayAFastOne() {
        TestSubscriber<RankedView> slow = TestSubscriber.<RankedView>builder().initialRequest(1).build();
        book.views().subscribe(slow);

        StepVerifier.create(book.views())
                .expectNextMatches(view -> view.version() == 0)
                .then(() -> List.of(1, 2, 3).forEach(i -> book.accept(report(i, Set.of(), cycle("p" + i, "q" + i, i, T1)))))
                .expectNextMatches(view -> view.version() == 1)
                .expectNextMatches(view -> view.version() == 2)
                .expectNextMatches(view -> view.version() == 3)
                .thenCancel()
                .verify(Duration.ofSeconds(5));

        assertThat(slow.getReceivedOnNext()).extracting(RankedView::version).containsExactly(0L);
        slow.request(1);
        assertThat(slow.getReceivedOnNext()).extracting(RankedView::version).containsExactly(0L, 3L);
        slow.cancel();
    }
}
