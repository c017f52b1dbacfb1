package io.flashbank.chain;

/** A JSON-RPC call that failed: an error answer, a malformed answer, a timeout or a closed connection. */
public final class RpcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RpcException(String message) {
        super(message);
    }

    public RpcException(String message, Throwable cause) {
        super(message, cause);
    }
}
