package io.flashbank.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashbank.config.HttpConfig;
import io.flashbank.rank.OpportunityBook;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;

/**
 * The HTTP layer against raw sockets: slow and silent connections are closed, the connection cap keeps /health
 * answering, and what the decoder refuses is answered with the API's JSON error.
 */
class HttpLimitsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Scheduler timer = Schedulers.newParallel("it-http", 1, true);
    private DisposableServer server;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        if (server != null) {
            server.disposeNow(Duration.ofSeconds(5));
        }
        timer.dispose();
    }

    private void start(int maxConnections, Duration headerTimeout, Duration idleTimeout) {
        HttpConfig d = HttpConfig.defaults();
        HttpConfig limits = new HttpConfig(maxConnections, d.maxWebSocketClients(), d.maxSseClients(), d.maxStreamsPerAddress(),
                d.slowClientTimeout(), headerTimeout, d.requestTimeout(), idleTimeout);
        server = new ApiServer(new OpportunityBook(10), new MonitorFeed(), () -> HealthTest.healthy(),
                Duration.ofSeconds(10), timer, 10, limits).bindNow("127.0.0.1", 0);
    }

    private Socket connect() throws Exception {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        sockets.add(s);
        return s;
    }

    /** Sends {@code request} and reads until the server closes (or 10 s pass): the whole answer. */
    private String exchange(Socket s, String request) throws Exception {
        s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        return readToClose(s, 10_000);
    }

    /** What the server sends until it closes; fails when it is still open after {@code millis}. */
    private static String readToClose(Socket s, int millis) throws Exception {
        s.setSoTimeout(millis);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                all.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("still open after " + millis + " ms; received: " + all.toString(StandardCharsets.ISO_8859_1));
        } catch (java.net.SocketException reset) {
            // closed hard: what arrived is the answer
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    private static JsonNode body(String response) throws Exception {
        return JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad Content-Length   | POST /api/v1/transactions HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: abc\\r\\n\\r\\n | 400 | bad_request
            URI too long         | GET /api/v1/opportunities?x=LONG HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n             | 414 | uri_too_long
            headers too large    | GET /health HTTP/1.1\\r\\nHost: x\\r\\nX-Pad: LONG\\r\\n\\r\\n                  | 431 | headers_too_large
            no Host on HTTP/1.1  | GET /health HTTP/1.1\\r\\n\\r\\n                                             | 400 | missing_host
            """)
    void whatTheDecoderRefusesGetsAJsonError(String name, String request, int status, String code) throws Exception {
        start(100, Duration.ofSeconds(10), Duration.ofSeconds(60));
        String raw = request.replace("\\r\\n", "\r\n").replace("LONG", "y".repeat(20_000));
        String response = exchange(connect(), raw);
        assertThat(response).as(name).startsWith("HTTP/1.1 " + status + " ");
        assertThat(response.toLowerCase()).contains("content-type: application/json");
        assertThat(body(response).path("error").asText()).isEqualTo(code);
        assertThat(body(response).path("message").asText()).isNotBlank();
    }

    @Test
    void anHttp10RequestWithoutHostIsServed() throws Exception {
        start(100, Duration.ofSeconds(10), Duration.ofSeconds(60));
        String response = exchange(connect(), "GET /health HTTP/1.0\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.0 200 ").contains("\"status\":\"ok\"");
    }

    @Test
    void aConnectionThatSendsItsHeadersTooSlowlyOrNothingIsClosed() throws Exception {
        start(100, Duration.ofSeconds(1), Duration.ofSeconds(60));
        Socket silent = connect();
        Socket slow = connect();
        long started = System.nanoTime();
        // slowloris: a byte every 200 ms never finishes the headers
        String partial = "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ";
        slow.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
        boolean closed = false;
        for (int i = 0; i < 25 && !closed; i++) {
            try {
                slow.getOutputStream().write('a');
                slow.getOutputStream().flush();
            } catch (java.io.IOException e) {
                closed = true;
            }
            Thread.sleep(200);
        }
        assertThat(readToClose(slow, 5_000)).as("the slowloris connection gets no answer").doesNotContain("200 OK");
        assertThat(readToClose(silent, 5_000)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void anIdleKeepAliveConnectionIsClosed() throws Exception {
        start(100, Duration.ofSeconds(10), Duration.ofSeconds(1));
        Socket s = connect();
        s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        assertThat(readToClose(s, 5_000)).startsWith("HTTP/1.1 200 ");
    }

    @Test
    void pastTheConnectionCapOnlyHealthIsServedAndPastTheHeadroomConnectionsAreClosed() throws Exception {
        start(5, Duration.ofSeconds(30), Duration.ofSeconds(60));
        for (int i = 0; i < 5; i++) {
            connect();
        }
        Thread.sleep(300);
        String health = exchange(connect(), "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(health).startsWith("HTTP/1.1 200 ");
        String other = exchange(connect(), "GET /api/v1/opportunities HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(other).startsWith("HTTP/1.1 503 ");
        assertThat(body(other).path("error").asText()).isEqualTo("too_many_connections");

        for (int i = 0; i < HttpConfig.HEALTH_HEADROOM; i++) {
            connect();
        }
        Thread.sleep(300);
        assertThat(readToClose(connect(), 5_000)).as("a connection past the headroom is closed at once").isEmpty();
    }
}
