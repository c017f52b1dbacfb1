package io.flashbank.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** A plain {@code java.net.http} WebSocket client of the opportunity feed that stamps each message when it arrives. */
final class FeedRecorder implements WebSocket.Listener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One feed message.
     *
     * @param receivedAt when its last fragment arrived (wall clock, the engine's clock too)
     * @param version the ranked view's version
     * @param newestDetectedAt the latest {@code detectedAt} among its opportunities (null when it has none)
     * @param opportunities how many it carried
     */
    record Received(Instant receivedAt, long version, Instant newestDetectedAt, int opportunities) {
    }

    private final List<Received> received = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile String failure;
    private WebSocket socket;

    private FeedRecorder() {
    }

    /** Connects to {@code uri}; blocking, hence the name. */
    static FeedRecorder connectNow(URI uri) {
        FeedRecorder recorder = new FeedRecorder();
        try {
            recorder.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(uri, recorder)
                    .get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot connect to " + uri + ": " + e, e);
        }
        return recorder;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        // Stamped before parsing, so the client's own JSON work is not counted as latency.
        Instant at = Instant.now();
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            try {
                record(at, JSON.readTree(text));
            } catch (Exception e) {
                failure = "unreadable feed message: " + e.getMessage();
            }
        }
        webSocket.request(1);
        return null;
    }

    private void record(Instant at, JsonNode message) {
        Instant newest = null;
        for (JsonNode o : message.path("opportunities")) {
            Instant detected = Instant.parse(o.path("detectedAt").asText());
            newest = newest == null || detected.isAfter(newest) ? detected : newest;
        }
        synchronized (received) {
            received.add(new Received(at, message.path("version").asLong(), newest, message.path("opportunities").size()));
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        failure = "feed closed with " + statusCode + " " + reason;
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        failure = "feed failed: " + error;
    }

    /** Every message so far, in arrival order. */
    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    int count() {
        synchronized (received) {
            return received.size();
        }
    }

    /** Why the feed stopped, or null while it runs. */
    String failure() {
        return failure;
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
    }
}
