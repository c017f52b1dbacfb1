package io.flashbank.ledger;

/** The stored cursor was not where the indexer expected it: nothing was written, and the indexer reloads it. */
final class CursorMovedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CursorMovedException(String message) {
        super(message);
    }
}
