package io.flashbank.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashbank.api.MonitorEvent;
import io.flashbank.devnet.DevnetAccounts;
import io.flashbank.ledger.EmbeddedLedgerQueries;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * The embedded PostgreSQL stopped under a running engine that keeps executing: the engine starts it again, and every
 * mined execution it reported is in the executions table afterwards (none lost to the outage).
 */
class LedgerOutageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static EngineOnDevnet fixture;
    private static final List<MonitorEvent> events = new CopyOnWriteArrayList<>();
    private static Disposable monitoring;
    private static Disposable noise;

    @BeforeAll
    static void start() {
        fixture = EngineOnDevnet.startNow("ledger-outage", 1, true, true, DevnetAccounts.credentials(DevnetAccounts.SEARCHER));
        monitoring = fixture.engine().monitor().events().subscribe(events::add);
        noise = fixture.devnet().noise(7, 3).subscribe(tx -> { }, e -> { });
    }

    @AfterAll
    static void stop() {
        if (noise != null) {
            noise.dispose();
        }
        if (monitoring != null) {
            monitoring.dispose();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void theEngineRestartsItsStoppedDatabaseAndLosesNoExecutionRecord() throws Exception {
        Path dir = fixture.config().database().embeddedDir();
        waitFor(() -> mined().size() >= 2, "two mined executions before the outage", 90);
        long pidBefore = EmbeddedLedgerQueries.pidAndPort(dir)[0];
        int minedBefore = mined().size();
        Process stop = new ProcessBuilder("kill", "-INT", String.valueOf(pidBefore)).inheritIO().start();
        assertThat(stop.waitFor(5, TimeUnit.SECONDS) && stop.exitValue() == 0).as("kill -INT the postmaster").isTrue();
        waitFor(() -> !ProcessHandle.of(pidBefore).map(ProcessHandle::isAlive).orElse(false), "the server to stop", 30);

        waitFor(() -> {
            try {
                return EmbeddedLedgerQueries.pidAndPort(dir)[0] != pidBefore && "reachable".equals(health().path("ledger").asText());
            } catch (RuntimeException notYet) {
                return false;
            }
        }, "the engine to start the database again", 60);
        waitFor(() -> mined().size() >= minedBefore + 3, "executions to go on", 90);
        waitFor(() -> health().path("ledgerOutbox").path("pendingRecords").asInt(-1) == 0, "the outbox to drain", 60);

        Set<String> reported = new TreeSet<>(mined());
        Set<String> recorded = new TreeSet<>(EmbeddedLedgerQueries.executionTxHashes(dir));
        assertThat(recorded).as("executions rows vs the %d mined executions reported (health %s)", reported.size(), health())
                .containsAll(reported);

        // the same story in /metrics, in Prometheus' text format; first two requests whose routes it must label
        String lp = DevnetAccounts.address(DevnetAccounts.FIRST_LP);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(fixture.baseUrl() + "/api/v1/providers/" + lp)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(fixture.baseUrl() + "/no/such/path-" + System.nanoTime())).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        HttpResponse<String> scrape = HTTP.send(HttpRequest.newBuilder(URI.create(fixture.baseUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("content-type").orElse("")).startsWith("text/plain; version=0.0.4");
        java.util.Map<String, Double> samples = new java.util.HashMap<>();
        for (String line : scrape.body().lines().toList()) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            assertThat(line).as("a Prometheus sample line").matches("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*\\})? [-+0-9.eEINaf]+");
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        String chain = String.valueOf(fixture.chain(0).chainId());
        assertThat(samples).as(scrape.body()).containsEntry("flashbank_ledger_outbox_pending_records", 0.0)
                .containsEntry("flashbank_chain_connected{chain_id=\"" + chain + "\"}", 1.0);
        assertThat(samples.get("flashbank_executions_total{chain_id=\"" + chain + "\",reason=\"none\",status=\"mined\"}"))
                .as("mined executions counted").isGreaterThanOrEqualTo((double) reported.size());
        assertThat(samples.get("flashbank_execution_prepare_seconds_count{chain_id=\"" + chain + "\",outcome=\"sent\"}"))
                .as("re-quote to send timed for every sent execution").isGreaterThanOrEqualTo((double) reported.size());
        assertThat(samples.get("flashbank_execution_realized_profit_wei_total{chain_id=\"" + chain + "\",token=\""
                + fixture.chain(0).weth() + "\"}")).as("realised profit in WETH wei").isPositive();
        // the ledger's cursor is at least `confirmations` behind the head, and its batches are timed
        double cursor = samples.get("flashbank_ledger_cursor_block{chain_id=\"" + chain + "\"}");
        assertThat(cursor).as("ledger cursor").isPositive();
        assertThat(samples.get("flashbank_ledger_cursor_lag_blocks{chain_id=\"" + chain + "\"}"))
                .as("ledger lag").isGreaterThanOrEqualTo((double) fixture.config().database().confirmations());
        assertThat(samples.get("flashbank_ledger_batch_seconds_count{chain_id=\"" + chain + "\"}")).isPositive();
        assertThat(samples.get("flashbank_db_pool_connections_max")).as("pool size").isPositive();
        assertThat(samples).containsKey("flashbank_db_pool_connections{state=\"acquired\"}");
        // Reactor Netty's HTTP metrics, by route template: invented paths all fall under "other"
        assertThat(samples.get("flashbank_http_server_requests_seconds_count{method=\"GET\",status=\"200\",uri=\"/api/v1/providers/{address}\"}"))
                .as("the provider request").isGreaterThanOrEqualTo(1.0);
        assertThat(samples.get("flashbank_http_server_requests_seconds_count{method=\"GET\",status=\"404\",uri=\"other\"}"))
                .as("the unknown path").isGreaterThanOrEqualTo(1.0);
        assertThat(samples.get("flashbank_http_server_requests_seconds_count{method=\"GET\",status=\"200\",uri=\"/health\"}"))
                .as("health polls").isGreaterThanOrEqualTo(1.0);
        assertThat(samples.keySet().stream().filter(k -> k.startsWith("flashbank_http_server_requests_seconds_count")))
                .as("no label holds a raw path").noneMatch(k -> k.contains("/no/such"));
        assertThat(samples.get("flashbank_ledger_outbox_written_records_total")).isGreaterThanOrEqualTo((double) reported.size());
        assertThat(samples).containsKey("flashbank_stream_clients{kind=\"websocket\"}");
        assertThat(samples.get("flashbank_rpc_calls_seconds_count{chain_id=\"" + chain + "\",method=\"eth_sendRawTransaction\",outcome=\"ok\"}"))
                .as("every mined execution was sent through the client").isGreaterThanOrEqualTo((double) reported.size());
    }

    private static List<String> mined() {
        return events.stream().filter(e -> e instanceof MonitorEvent.Execution x && x.status().equals("mined"))
                .map(e -> ((MonitorEvent.Execution) e).txHash()).toList();
    }

    private static JsonNode health() {
        try {
            HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(fixture.baseUrl() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(res.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(BooleanSupplier condition, String what, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting for " + what + "; health " + health()
                        + ", mined " + mined().size());
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }
}
