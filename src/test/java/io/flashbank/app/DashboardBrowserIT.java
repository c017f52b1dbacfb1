package io.flashbank.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashbank.devnet.DevnetAccounts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * The dashboard in a real browser (Debian's chromium driven by playwright-core, web/test/dashboard-check.mjs) against
 * the demo's setup: two mispriced anvil chains, LPs committing through the API, the engine executing and noise trades.
 * The script checks the page fills without errors, writes target/dashboard.png, then cuts the network under it.
 */
class DashboardBrowserIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path WEB = Path.of("web");
    private static final Path SCREENSHOT = Path.of("target", "dashboard.png");
    private static EngineOnDevnet fixture;
    private static Disposable noise;

    @BeforeAll
    static void start() {
        fixture = EngineOnDevnet.startNow("dash", 2, true, false, DevnetAccounts.credentials(DevnetAccounts.SEARCHER));
    }

    @AfterAll
    static void stop() {
        if (noise != null) {
            noise.dispose();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void theConsoleFillsEveryPanelInChromiumAndSaysWhenItIsDisconnected() throws Exception {
        assertThat(CHROMIUM).as("the browser test needs Debian's chromium: apt-get install chromium (.ci/run installs it)").exists();
        assertThat(WEB.resolve("node_modules/playwright-core")).as("playwright-core: run `npm install` in web/ (mvn generate-resources does)")
                .isDirectory();
        Files.deleteIfExists(SCREENSHOT);
        Path out = Path.of("target", "dashboard-check.out");
        Path err = Path.of("target", "dashboard-check.err");
        Process check = new ProcessBuilder("node", WEB.resolve("test/dashboard-check.mjs").toString(), "--url", fixture.baseUrl(),
                "--chains", "2", "--screenshot", SCREENSHOT.toAbsolutePath().toString(), "--timeout-ms", "180000")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            // The page is open (both streams subscribed) before the LPs commit, so it sees the executions happen.
            waitUntil(() -> {
                JsonNode streams = health().path("streams");
                return streams.path("webSocket").asInt() >= 1 && streams.path("sse").asInt() >= 1 || !check.isAlive();
            }, "the page to open the feed and the event stream", Duration.ofSeconds(60));
            assertThat(check.isAlive()).as("the check ended before the page connected: %s", read(out) + read(err)).isTrue();
            List<String> hashes = new DemoLiquidity(fixture.baseUrl()).commitAllNow(fixture.devnet().chains());
            assertThat(hashes).as("approve + commit for five LPs on two chains").hasSize(20);
            noise = fixture.devnet().noise(42, 2).subscribe();
            boolean ended = check.waitFor(5, TimeUnit.MINUTES);
            assertThat(ended).as("the browser check ended within 5 minutes; output so far: %s", read(out) + read(err)).isTrue();
        } finally {
            check.destroyForcibly();
        }
        String stdout = read(out);
        JsonNode summary = lastJsonLine(stdout);
        assertThat(check.exitValue()).as("browser check exit code; summary %s; stderr %s", summary, read(err)).isZero();
        assertThat(summary.path("ok").asBoolean()).as("summary %s", summary).isTrue();
        assertThat(summary.path("failures")).as("failures").isEmpty();
        assertThat(summary.path("consoleErrors")).as("console errors").isEmpty();
        assertThat(summary.path("pageErrors")).as("page errors").isEmpty();
        for (String chart : List.of("profit", "windows", "scan", "executions")) {
            assertThat(summary.path("chartPoints").path(chart).asInt()).as("points in chart %s: %s", chart, summary.path("chartPoints")).isPositive();
        }
        assertThat(summary.path("tableRows").path("chains").asInt()).as("chain rows").isEqualTo(2);
        for (String table : List.of("executable", "notExecutable", "executions", "providers")) {
            assertThat(summary.path("tableRows").path(table).asInt()).as("rows in %s: %s", table, summary.path("tableRows")).isPositive();
        }
        assertThat(summary.path("reconnect").path("recovered").asBoolean()).as("reconnected: %s", summary.path("reconnect")).isTrue();
        byte[] png = Files.readAllBytes(SCREENSHOT);
        assertThat(png.length).as("screenshot size").isGreaterThan(10_000);
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).as("a PNG").isEqualTo("PNG");
    }

    @Test
    void servesTheAllowListedAssetsFromTheJarWithTheirTypesAndNothingElse() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String[] asset : new String[][] {{"uPlot.iife.min.js", "text/javascript"}, {"uPlot.min.css", "text/css"},
                {"dashboard.js", "text/javascript"}, {"dashboard.css", "text/css"}}) {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(fixture.baseUrl() + "/dashboard/" + asset[0])).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).as("GET /dashboard/%s", asset[0]).isEqualTo(200);
            assertThat(res.headers().firstValue("content-type").orElse("")).as("type of %s", asset[0]).startsWith(asset[1]);
            assertThat(res.body()).as("body of %s", asset[0]).hasSizeGreaterThan(1000);
        }
        for (String path : new String[] {"/dashboard/index.html", "/dashboard/%2e%2e%2fapp%2fEngine.class", "/dashboard/pom.xml"}) {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(fixture.baseUrl() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).as("GET %s -> %s", path, res.body()).isEqualTo(404);
            assertThat(JSON.readTree(res.body()).path("error").asText()).isEqualTo("not_found");
        }
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(fixture.baseUrl() + "/dashboard/dashboard.js"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).as("POST an asset").isEqualTo(405);
    }

    private static JsonNode lastJsonLine(String stdout) throws IOException {
        String[] lines = stdout.strip().split("\n");
        String last = lines[lines.length - 1];
        assertThat(last).as("the check's last line is its JSON summary: %s", stdout).startsWith("{");
        return JSON.readTree(last);
    }

    private static JsonNode health() {
        try {
            HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fixture.baseUrl() + "/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(res.body());
        } catch (IOException e) {
            return JSON.createObjectNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for %s", limit, what).isLessThan(end);
            Thread.sleep(200);
        }
    }
}
