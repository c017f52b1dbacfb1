package io.flashbank.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Metrics label requests by route template, so invented paths cannot grow the label set. */
class KnownPathsTest {
    @Test
    void reducesAPathToItsRouteTemplateOrOther() {
        assertThat(KnownPaths.template("/api/v1/providers/0xabc?x=1")).isEqualTo("/api/v1/providers/{address}");
        assertThat(KnownPaths.template("/health")).isEqualTo("/health");
        assertThat(KnownPaths.template("/")).isEqualTo("/");
        assertThat(KnownPaths.template("/api/v1/providers/0xabc/more")).isEqualTo("other");
        assertThat(KnownPaths.template("/wp-admin")).isEqualTo("other");
    }
}
