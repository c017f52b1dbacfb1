package io.flashbank.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The exact JSON of every error body: the code, then the message. */
class ErrorBodyTest {
    @Test
    void writesTheCodeThenTheMessage() {
        assertThat(ApiServer.write(ErrorBody.of(new ApiError(429, "rate_limited", "try again in 1 s", java.time.Duration.ofSeconds(1)))))
                .isEqualTo("{\"error\":\"rate_limited\",\"message\":\"try again in 1 s\"}");
        assertThat(ApiServer.write(new ErrorBody("server_fault", null))).isEqualTo("{\"error\":\"server_fault\",\"message\":\"null\"}");
    }
}
