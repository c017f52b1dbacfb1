package io.flashbank.ledger;

/** A log from a watched contract that does not decode as the event its topic names; it is skipped and reported. */
final class MalformedLogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedLogException(String message) {
        super(message);
    }

    MalformedLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
