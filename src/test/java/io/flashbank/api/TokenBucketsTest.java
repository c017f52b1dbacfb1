package io.flashbank.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The relay's per-client token buckets, on a hand-moved clock. */
class TokenBucketsTest {
    private final AtomicLong now = new AtomicLong(1_000_000);

    @Test
    void allowsTheBurstThenOneTokenPerRefillAndSaysHowLongToWait() {
        TokenBuckets buckets = new TokenBuckets(3, 1000, 10, now::get);
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("a")).as("token %d of the burst", i).isZero();
        }
        assertThat(buckets.take("a")).isEqualTo(1000);
        now.addAndGet(400);
        assertThat(buckets.take("a")).isEqualTo(600);
        now.addAndGet(600);
        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("a")).isEqualTo(1000);
    }

    @Test
    void keepsEachClientApartAndNeverRefillsPastTheBurst() {
        TokenBuckets buckets = new TokenBuckets(2, 1000, 10, now::get);
        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("a")).isPositive();
        assertThat(buckets.take("b")).as("another client has its own burst").isZero();
        now.addAndGet(1_000_000);
        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("a")).as("a long pause refills to the burst, no more").isPositive();
    }

    @Test
    void boundsTheClientsItTracksForgettingIdleOnesFirst() {
        TokenBuckets buckets = new TokenBuckets(1, 1000, 2, now::get);
        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("b")).isZero();
        assertThat(buckets.take("c")).as("both tracked clients are mid-burst: a third waits").isEqualTo(1000);
        now.addAndGet(1000);
        assertThat(buckets.take("c")).as("the idle ones are forgotten to make room").isZero();
        assertThat(buckets.take("c")).isPositive();
    }
}
