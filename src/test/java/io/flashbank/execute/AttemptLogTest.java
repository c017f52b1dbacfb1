package io.flashbank.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttemptLogTest {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private final AttemptLog log = new AttemptLog(Duration.ofSeconds(1), Duration.ofSeconds(8));

    @Test
    void retriesASkipAtTheSameBlockAfterTheBackoffInsteadOfNever() {
        assertThat(log.claim("a", 10, T0)).isTrue();
        log.finished("a", 10, false, T0);
        assertThat(log.due("a", 10, T0.plusMillis(999))).as("inside the first backoff").isFalse();
        assertThat(log.due("a", 10, T0.plusSeconds(1))).as("after the first backoff, same reserves").isTrue();
    }

    @Test
    void doublesTheBackoffPerSkipAtOneBlockUpToTheMaximum() {
        Instant now = T0;
        for (long expected : new long[] {1, 2, 4, 8, 8}) {
            assertThat(log.claim("a", 10, now)).isTrue();
            log.finished("a", 10, false, now);
            assertThat(log.due("a", 10, now.plusSeconds(expected).minusMillis(1))).isFalse();
            now = now.plusSeconds(expected);
            assertThat(log.due("a", 10, now)).as("due %d s after the skip", expected).isTrue();
        }
    }

    @Test
    void neverSendsTwiceAtOneBlockButAgainAtNewReserves() {
        assertThat(log.claim("a", 10, T0)).isTrue();
        log.finished("a", 10, true, T0);
        assertThat(log.due("a", 10, T0.plus(Duration.ofHours(1)))).isFalse();
        assertThat(log.due("a", 9, T0.plus(Duration.ofHours(1)))).as("older reserves").isFalse();
        assertThat(log.claim("a", 11, T0)).as("a newer source block").isTrue();
    }

    @Test
    void aNewBlockStartsTheBackoffAfresh() {
        for (int i = 0; i < 3; i++) {
            log.claim("a", 10, T0.plusSeconds(100 * i));
            log.finished("a", 10, false, T0.plusSeconds(100 * i));
        }
        assertThat(log.claim("a", 11, T0.plusSeconds(300))).isTrue();
        log.finished("a", 11, false, T0.plusSeconds(300));
        assertThat(log.due("a", 11, T0.plusSeconds(301))).as("one skip at block 11: 1 s").isTrue();
    }

    @Test
    void anAttemptInFlightCannotBeClaimedTwice() {
        assertThat(log.claim("a", 10, T0)).isTrue();
        assertThat(log.claim("a", 10, T0.plusSeconds(60))).isFalse();
        assertThat(log.claim("b", 10, T0)).as("another opportunity").isTrue();
    }

    @Test
    void ignoresTheEndOfAnAttemptSupersededByNewerReserves() {
        log.claim("a", 10, T0);
        log.claim("a", 11, T0);
        log.finished("a", 10, true, T0);
        assertThat(log.due("a", 11, T0)).as("block 11 is still in flight").isFalse();
        log.finished("a", 11, false, T0);
        assertThat(log.due("a", 11, T0.plusSeconds(1))).isTrue();
    }

    @Test
    void forgetsTheEldestBeyondItsCapacity() {
        log.claim("first", 10, T0);
        log.finished("first", 10, true, T0);
        for (int i = 0; i < AttemptLog.REMEMBERED; i++) {
            log.claim("o" + i, 10, T0);
        }
        assertThat(log.due("first", 10, T0)).as("forgotten, so due again").isTrue();
        assertThat(log.due("o" + (AttemptLog.REMEMBERED - 1), 10, T0)).isFalse();
    }

    @Test
    void refusesANonPositiveOrInvertedBackoff() {
        assertThatThrownBy(() -> new AttemptLog(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AttemptLog(Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
