package io.flashbank.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashbank.app.Engine;
import io.flashbank.api.MonitorEvent;
import io.flashbank.chain.ChainRpc;
import io.flashbank.config.EngineConfig;
import io.flashbank.devnet.AnvilProcess;
import io.flashbank.devnet.Artifacts;
import io.flashbank.devnet.DeployedChain;
import io.flashbank.devnet.Devnet;
import io.flashbank.devnet.DevnetAccounts;
import io.flashbank.ledger.EmbeddedCredentials;
import io.flashbank.scan.KernelChoice;
import io.flashbank.scan.ScanKernel;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.web3j.crypto.Hash;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The soak benchmark (not a test): the demo's devnet and engine for a while under many stream clients (some never
 * reading), a stalled chain (SIGSTOP) and a stopped database (SIGSTOP of the server and its backends); prints the heap
 * high-water mark, executions per second before, during and after each fault, the outbox's pending records, and
 * whether the ledger holds exactly the chain's loans and every mined execution.
 */
final class SoakBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Typed here, apart from the indexer's decoder, so the ledger-vs-chain count is an independent check. */
    private static final String FLASH_LOAN = Hash.sha3String("FlashLoan(address,address,address,uint256,uint256,address[],uint256[],uint256[])");
    private static final Duration STALL = Duration.ofSeconds(20);
    private static final Duration DB_STOP = Duration.ofSeconds(30);

    private SoakBenchmark() {
    }

    /** Runs for {@code total} (at least 3 minutes) with {@code wsClients} feed clients ({@code silent} never read). */
    static void runNow(Path work, Duration total, int wsClients, int silent, int sseClients, PrintStream out) throws Exception {
        if (total.compareTo(Duration.ofMinutes(3)) < 0) {
            throw new IllegalArgumentException("the soak needs at least 180 s, got " + total.toSeconds());
        }
        BenchRuns.deleteRecursively(work);
        Files.createDirectories(work);
        Scheduler io = Schedulers.newBoundedElastic(8, 10_000, "soak", 60, true);
        Devnet devnet = Devnet.start(work, 2, Artifacts.locate(), io, Duration.ofSeconds(1), true, true).block(Duration.ofMinutes(3));
        EngineConfig config = devnet.writeConfig(work.resolve("config.yaml"), 0);
        Engine engine = null;
        List<Socket> silentSockets = new ArrayList<>();
        List<WebSocket> readers = new ArrayList<>();
        Disposable noise = null;
        Disposable monitoring = null;
        Disposable supervisor = null;
        try {
            KernelChoice jvm = new KernelChoice(ScanKernel.jvm(), "JVM", "the soak measures the service, not the kernel");
            engine = new Engine(config, jvm, DevnetAccounts.credentials(DevnetAccounts.SEARCHER)).startNow("127.0.0.1");
            int port = engine.port();
            List<Long> minedAt = new CopyOnWriteArrayList<>();
            Set<String> minedHashes = java.util.concurrent.ConcurrentHashMap.newKeySet();
            long t0 = System.nanoTime();
            monitoring = engine.monitor().events().subscribe((MonitorEvent e) -> {
                if (e instanceof MonitorEvent.Execution x && x.status().equals("mined")) {
                    minedAt.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                    minedHashes.add(x.txHash());
                }
            });
            noise = devnet.noise(42, 2).subscribe(tx -> { }, e -> { });
            supervisor = devnet.supervise(Duration.ofSeconds(1), Duration.ofSeconds(1)).subscribe(out::println);

            HttpClient http = HttpClient.newHttpClient();
            AtomicLong feedMessages = new AtomicLong();
            AtomicLong sseLines = new AtomicLong();
            for (int i = 0; i < wsClients - silent; i++) {
                readers.add(http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/opportunities"),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                                if (last) {
                                    feedMessages.incrementAndGet();
                                }
                                ws.request(1);
                                return null;
                            }
                        }).get(10, TimeUnit.SECONDS));
            }
            for (int i = 0; i < silent; i++) {
                silentSockets.add(silentFeedClient(port));
            }
            for (int i = 0; i < sseClients; i++) {
                http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events")).build(),
                        HttpResponse.BodyHandlers.fromLineSubscriber(new LineCounter(sseLines)));
            }
            out.printf("soak: %d s, 2 chains, %d WebSocket clients (%d never reading), %d SSE clients%n", total.toSeconds(), wsClients,
                    silent, sseClients);

            long totalMs = total.toMillis();
            long stallAt = totalMs / 5;
            long dbAt = totalMs * 9 / 20;
            AtomicLong heapMax = new AtomicLong();
            AtomicInteger pendingMax = new AtomicInteger();
            AnvilProcess stalled = devnet.nodes().get(0);
            long[] postgres = null;
            boolean stalledDone = false;
            boolean dbDone = false;
            while (elapsed(t0) < totalMs) {
                heapMax.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                JsonNode health = health(http, port);
                pendingMax.accumulateAndGet(health.path("ledgerOutbox").path("pendingRecords").asInt(0), Math::max);
                long now = elapsed(t0);
                if (!stalledDone && now >= stallAt) {
                    out.printf("  at %d s: kill -STOP chain %d's anvil for %d s%n", now / 1000, stalled.chainId(), STALL.toSeconds());
                    signal("STOP", List.of(stalled.pid()));
                    sleepSampling(STALL, heapMax, pendingMax, http, port);
                    signal("CONT", List.of(stalled.pid()));
                    stalledDone = true;
                } else if (!dbDone && now >= dbAt) {
                    List<Long> pids = postgresPids(config.database().embeddedDir());
                    out.printf("  at %d s: kill -STOP the embedded PostgreSQL (%d processes) for %d s%n", now / 1000, pids.size(),
                            DB_STOP.toSeconds());
                    signal("STOP", pids);
                    sleepSampling(DB_STOP, heapMax, pendingMax, http, port);
                    signal("CONT", pids);
                    dbDone = true;
                } else {
                    Thread.sleep(1000);
                }
            }
            noise.dispose();
            // let executions in flight finish, the outbox drain and the indexer pass the confirmations
            Thread.sleep(15_000);
            JsonNode health = health(http, port);

            long before = count(minedAt, 30_000, stallAt);
            out.printf("  executions/s: before %.2f | chain stall %.2f | after it %.2f | database stop %.2f | after it %.2f%n",
                    rate(before, stallAt - 30_000), rate(count(minedAt, stallAt, stallAt + STALL.toMillis()), STALL.toMillis()),
                    rate(count(minedAt, stallAt + STALL.toMillis(), dbAt), dbAt - stallAt - STALL.toMillis()),
                    rate(count(minedAt, dbAt, dbAt + DB_STOP.toMillis()), DB_STOP.toMillis()),
                    rate(count(minedAt, dbAt + DB_STOP.toMillis(), totalMs), totalMs - dbAt - DB_STOP.toMillis()));
            out.printf("  heap high-water (engine and the benchmark's own clients, one JVM): %d MB; max heap %d MB%n",
                    heapMax.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
            out.printf("  outbox records pending: at most %d during the run, %d at the end (%s)%n", pendingMax.get(),
                    health.path("ledgerOutbox").path("pendingRecords").asInt(-1), health.path("ledgerOutbox"));
            out.printf("  streams now: %s; feed messages received by the reading clients: %d; SSE lines: %d%n",
                    health.path("streams"), feedMessages.get(), sseLines.get());
            int silentClosed = 0;
            for (Socket s : silentSockets) {
                silentClosed += closedByServer(s) ? 1 : 0;
            }
            out.printf("  silent feed clients the server closed: %d of %d%n", silentClosed, silent);
            compareLedger(devnet, config, minedHashes, out);
        } finally {
            for (Socket s : silentSockets) {
                s.close();
            }
            readers.forEach(WebSocket::abort);
            for (Disposable d : new Disposable[] {supervisor, noise, monitoring}) {
                if (d != null) {
                    d.dispose();
                }
            }
            if (engine != null) {
                engine.close();
            }
            devnet.close();
            io.dispose();
        }
    }

    /** Loans in the ledger vs FlashLoan logs on each chain up to a settled block; every mined execution has its row. */
    private static void compareLedger(Devnet devnet, EngineConfig config, Set<String> mined, PrintStream out) throws Exception {
        Path dir = config.database().embeddedDir();
        int pgPort = Integer.parseInt(Files.readAllLines(dir.resolve("postmaster.pid")).get(3).trim());
        PostgresqlConnectionFactory db = new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                .host("127.0.0.1").port(pgPort).username(EmbeddedCredentials.SERVICE_ROLE)
                .password(EmbeddedCredentials.read(dir).servicePassword()).database("postgres").build());
        boolean equal = true;
        for (DeployedChain chain : devnet.chains()) {
            ChainRpc rpc = ChainRpc.connect(chain.wsUrl(), Schedulers.boundedElastic(), Duration.ofSeconds(10)).block(Duration.ofSeconds(20));
            try {
                long head = Long.decode(rpc.call("eth_blockNumber", List.of()).block(Duration.ofSeconds(10)).asText());
                long settled = head - 3;
                JsonNode logs = rpc.call("eth_getLogs", List.of(Map.of("fromBlock", "0x0", "toBlock", "0x" + Long.toHexString(settled),
                        "address", chain.flashBank(), "topics", List.of(FLASH_LOAN)))).block(Duration.ofSeconds(60));
                long rows = Long.parseLong(query(db, "SELECT count(*)::text FROM loans WHERE chain_id = " + chain.chainId()
                        + " AND block_number <= " + settled).get(0));
                out.printf("  chain %d: %d FlashLoan events on-chain up to block %d, %d loans in the ledger: %s%n", chain.chainId(),
                        logs.size(), settled, rows, logs.size() == rows ? "equal" : "DIFFERENT");
                equal &= logs.size() == rows;
            } finally {
                rpc.close();
            }
        }
        Set<String> recorded = new TreeSet<>(query(db, "SELECT tx_hash FROM executions WHERE status = 'MINED'"));
        Set<String> missing = new TreeSet<>(mined);
        missing.removeAll(recorded);
        out.printf("  mined executions reported: %d; in the executions table: %d; missing: %d%s%n", mined.size(), recorded.size(),
                missing.size(), missing.isEmpty() ? "" : " " + missing);
        out.printf("  ledger vs chain: %s%n", equal && missing.isEmpty() ? "equal" : "NOT equal");
    }

    private static List<String> query(PostgresqlConnectionFactory db, String sql) {
        return db.create().flatMapMany(c -> c.createStatement(sql).execute().flatMap(r -> r.map((row, meta) -> row.get(0, String.class)))
                .concatWith(Mono.from(c.close()).then(Mono.empty()))).collectList().block(Duration.ofSeconds(30));
    }

    private static List<Long> postgresPids(Path dir) throws Exception {
        long postmaster = Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).trim());
        List<Long> pids = new ArrayList<>();
        pids.add(postmaster);
        ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
        return pids;
    }

    private static void signal(String name, List<Long> pids) throws Exception {
        List<String> command = new ArrayList<>(List.of("kill", "-" + name));
        pids.forEach(p -> command.add(String.valueOf(p)));
        Process kill = new ProcessBuilder(command).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " " + pids + " failed");
        }
    }

    private static void sleepSampling(Duration d, AtomicLong heapMax, AtomicInteger pendingMax, HttpClient http, int port)
            throws InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < end) {
            heapMax.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
            pendingMax.accumulateAndGet(health(http, port).path("ledgerOutbox").path("pendingRecords").asInt(0), Math::max);
            Thread.sleep(1000);
        }
    }

    private static JsonNode health(HttpClient http, int port) {
        try {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(res.body());
        } catch (Exception e) {
            return JSON.createObjectNode().put("error", String.valueOf(e));
        }
    }

    private static Socket silentFeedClient(int port) throws Exception {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.getOutputStream().write(("GET /ws/opportunities HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    /** Whether the server closed {@code s}: reading what it buffered reaches the end within 5 s. */
    private static boolean closedByServer(Socket s) {
        try {
            s.setSoTimeout(5000);
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[65536];
            while (in.read(buffer) >= 0) {
                // discard
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    private static long elapsed(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    private static long count(List<Long> at, long from, long to) {
        return at.stream().filter(t -> t >= from && t < to).count();
    }

    private static double rate(long n, long millis) {
        return millis <= 0 ? 0 : n * 1000.0 / millis;
    }

    /** Counts SSE lines, asking for all of them. */
    private record LineCounter(AtomicLong lines) implements Flow.Subscriber<String> {
        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String item) {
            lines.incrementAndGet();
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }
}
