package io.flashbank.api;

/** A request the API refuses: an HTTP status, a stable error code and a message for people. */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;
    /** When the client may try again ({@code Retry-After}, whole seconds), or null. */
    final transient java.time.Duration retryAfter;

    ApiError(int status, String code, String message) {
        this(status, code, message, null);
    }

    ApiError(int status, String code, String message, java.time.Duration retryAfter) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }
}
