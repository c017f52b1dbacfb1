package io.flashbank.ledger;

/** The database could not answer: unreachable, timed out or failed; the caller should report 503 and retry later. */
public final class LedgerUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
