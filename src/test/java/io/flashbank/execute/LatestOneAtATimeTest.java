package io.flashbank.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;
import reactor.test.scheduler.VirtualTimeScheduler;

class LatestOneAtATimeTest {
    @Test
    void runsOneAttemptAtATimeAndThenOnlyTheNewestArrivalWithoutStallingTheInput() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        TestPublisher<Integer> ranked = TestPublisher.createNoncompliant(TestPublisher.Violation.REQUEST_OVERFLOW);
        List<Integer> started = new CopyOnWriteArrayList<>();
        StepVerifier.create(DefaultChainExecutor.latestOneAtATime(ranked.flux(), (Integer n) -> {
                    started.add(n);
                    return Mono.delay(Duration.ofSeconds(1), time).thenReturn(n);
                }))
                .then(() -> ranked.next(1))
                .then(() -> ranked.next(2, 3, 4))
                .then(() -> assertThat(started).containsExactly(1))
                .then(() -> time.advanceTimeBy(Duration.ofSeconds(1)))
                .expectNext(1)
                .then(() -> assertThat(started).as("2 and 3 were superseded while 1 ran").containsExactly(1, 4))
                .then(() -> ranked.next(5))
                .then(() -> time.advanceTimeBy(Duration.ofSeconds(1)))
                .expectNext(4)
                .then(() -> time.advanceTimeBy(Duration.ofSeconds(1)))
                .expectNext(5)
                .then(ranked::complete)
                .verifyComplete();
    }

    @Test
    void repeatsTheLatestElementWhileTheSourceIsQuietAndCompletesWithIt() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        TestPublisher<String> views = TestPublisher.create();
        List<String> seen = new CopyOnWriteArrayList<>();
        StepVerifier.create(DefaultChainExecutor.repeatLatest(views.flux(), Duration.ofSeconds(1), time).doOnNext(seen::add))
                .then(() -> views.next("a"))
                .then(() -> time.advanceTimeBy(Duration.ofSeconds(2)))
                .then(() -> assertThat(seen).containsExactly("a", "a", "a"))
                .then(() -> views.next("b"))
                .then(() -> time.advanceTimeBy(Duration.ofMillis(999)))
                .then(() -> assertThat(seen).as("b restarts the clock").containsExactly("a", "a", "a", "b"))
                .then(() -> time.advanceTimeBy(Duration.ofMillis(1)))
                .then(() -> assertThat(seen).containsExactly("a", "a", "a", "b", "b"))
                .then(views::complete)
                .then(() -> time.advanceTimeBy(Duration.ofSeconds(5)))
                .expectNextCount(5)
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(seen).as("nothing after completion").hasSize(5);
    }
}
