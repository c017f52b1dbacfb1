package io.flashbank.api;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Admission of long-lived stream clients (WebSocket feed, SSE monitor): at most so many of each kind, and at most so
 * many of both from one remote address. A refused client is told why; an admitted one is released when it ends.
 */
final class StreamClients {
    /** The two kinds of stream. */
    enum Kind { WEBSOCKET, SSE }

    private final int maxWebSocket;
    private final int maxSse;
    private final int maxPerAddress;
    private final Map<Kind, Integer> byKind = new HashMap<>();
    private final Map<String, Integer> byAddress = new HashMap<>();

    StreamClients(int maxWebSocket, int maxSse, int maxPerAddress) {
        this.maxWebSocket = maxWebSocket;
        this.maxSse = maxSse;
        this.maxPerAddress = maxPerAddress;
    }

    /** Admits a client of {@code kind} from {@code remote}, or says why not (nothing is counted then). */
    synchronized Optional<String> admit(Kind kind, SocketAddress remote) {
        int max = kind == Kind.WEBSOCKET ? maxWebSocket : maxSse;
        int now = byKind.getOrDefault(kind, 0);
        if (now >= max) {
            return Optional.of("too many " + label(kind) + " clients (" + max + "); try again later");
        }
        String address = address(remote);
        int fromAddress = byAddress.getOrDefault(address, 0);
        if (fromAddress >= maxPerAddress) {
            return Optional.of("too many stream clients from " + address + " (" + maxPerAddress + ")");
        }
        byKind.put(kind, now + 1);
        byAddress.put(address, fromAddress + 1);
        return Optional.empty();
    }

    /** Releases a client {@link #admit} admitted. */
    synchronized void release(Kind kind, SocketAddress remote) {
        byKind.merge(kind, -1, Integer::sum);
        String address = address(remote);
        if (byAddress.merge(address, -1, Integer::sum) <= 0) {
            byAddress.remove(address);
        }
    }

    /** Clients of {@code kind} now. */
    synchronized int count(Kind kind) {
        return byKind.getOrDefault(kind, 0);
    }

    private static String label(Kind kind) {
        return kind == Kind.WEBSOCKET ? "WebSocket feed" : "SSE monitor";
    }

    private static String address(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(remote);
    }
}
