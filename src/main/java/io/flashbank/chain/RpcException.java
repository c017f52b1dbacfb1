package io.flashbank.chain;

/** A JSON-RPC call that failed: an error answer, a malformed answer, a timeout or a closed connection. */
public final class RpcException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean nodeError;

    public RpcException(String message) {
        this(message, false);
    }

    /** @param nodeError true when the node answered with a JSON-RPC error (the connection itself is fine) */
    public RpcException(String message, boolean nodeError) {
        super(message);
        this.nodeError = nodeError;
    }

    public RpcException(String message, Throwable cause) {
        super(message, cause);
        this.nodeError = false;
    }

    /** Whether the node answered with an error (a revert, a bad parameter) rather than the call failing in transit. */
    public boolean nodeError() {
        return nodeError;
    }
}
