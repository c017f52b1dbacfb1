package io.flashbank.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

class OpportunitySamplerTest {
    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
    private final OpportunitySampler sampler = new OpportunitySampler(clock, 10_000, 3);

    @Test
    void takesARouteAgainOnlyAfterItsInterval() {
        assertThat(sampler.pick("a")).isTrue();
        clock.advanceTimeBy(Duration.ofSeconds(9));
        assertThat(sampler.pick("a")).isFalse();
        clock.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(sampler.pick("a")).isTrue();
    }

    @Test
    void capsHowManyRoutesAreTakenPerSecond() {
        assertThat(sampler.pick("a")).isTrue();
        assertThat(sampler.pick("b")).isTrue();
        assertThat(sampler.pick("c")).isTrue();
        assertThat(sampler.pick("d")).isFalse();
        clock.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(sampler.pick("d")).isTrue();
    }
}
