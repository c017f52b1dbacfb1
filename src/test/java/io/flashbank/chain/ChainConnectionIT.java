package io.flashbank.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flashbank.devnet.AnvilProcess;
import io.flashbank.devnet.Artifacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Connections to a real anvil: stopped with SIGSTOP and resumed, the shared client answers again once the node does;
 * a head subscription cancelled and closed leaves no error behind.
 */
class ChainConnectionIT {
    private Scheduler scheduler;
    private AnvilProcess anvil;

    @BeforeEach
    void start() throws Exception {
        scheduler = Schedulers.newBoundedElastic(4, 100, "it-connection");
        Path work = Files.createTempDirectory("flashbank-connection");
        anvil = new AnvilProcess(Artifacts.locate().foundryTool("anvil"), 31337, AnvilProcess.freePort(), null, work.resolve("anvil.log"))
                .startNow(Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() throws Exception {
        signal("CONT");
        anvil.close();
        scheduler.dispose();
    }

    @Test
    void callsSucceedAgainAfterTheNodeResumes() throws Exception {
        try (ChainClient client = new ChainClient(31337, anvil.wsUrl(), scheduler, Duration.ofSeconds(2))) {
            assertThat(client.call("eth_chainId", List.of()).block(Duration.ofSeconds(10)).asText()).isEqualTo("0x7a69");
            // built before the stall and subscribed again after it, as a cache or a retry does
            reactor.core.publisher.Mono<JsonNode> kept = client.call("eth_chainId", List.of());
            signal("STOP");
            List<String> duringStall = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                duringStall.add(outcome(client));
            }
            assertThat(duringStall).as("calls while the node is stopped").allMatch(o -> o.startsWith("error"));
            String keptDuring = outcome(kept);
            assertThat(keptDuring).startsWith("error");
            signal("CONT");
            List<String> after = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                String o = outcome(client);
                after.add(o);
                if (o.equals("0x7a69")) {
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
            assertThat(after).as("calls after the node resumed").last().isEqualTo("0x7a69");
            assertThat(outcome(kept)).as("the Mono built before the stall, subscribed again").isEqualTo("0x7a69");
            // and keeps answering: a reconnect that succeeds once but leaves a dead socket cached would fail here
            for (int i = 0; i < 5; i++) {
                assertThat(outcome(client)).as("call %d after recovery (history %s)", i, after).isEqualTo("0x7a69");
            }
        }
    }

    @Test
    void closingRightAfterAHeadSubscriptionLogsNoError() throws Exception {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true));
        try {
            // as the engine shuts down: the subscription is cancelled and its socket closed at once (racy, so 20 times)
            for (int i = 0; i < 20; i++) {
                ChainRpc rpc = ChainRpc.connect(anvil.wsUrl(), scheduler, Duration.ofSeconds(5)).block(Duration.ofSeconds(15));
                reactor.core.Disposable heads = rpc.newHeads().subscribe(h -> { }, e -> { });
                TimeUnit.MILLISECONDS.sleep(100);
                heads.dispose();
                rpc.close();
                assertThat(rpc.onClose().block(Duration.ofSeconds(5))).isNull();
            }
            TimeUnit.MILLISECONDS.sleep(500);
        } finally {
            System.setErr(original);
        }
        assertThat(captured.toString()).as("log while unsubscribing and closing").doesNotContain("ERROR");
    }

    private static String outcome(ChainClient client) {
        return outcome(client.call("eth_chainId", List.of()));
    }

    private static String outcome(reactor.core.publisher.Mono<JsonNode> call) {
        try {
            JsonNode n = call.block(Duration.ofSeconds(10));
            return n.asText();
        } catch (RuntimeException e) {
            return "error " + e;
        }
    }

    /** Signals are delivered asynchronously: wait until the kernel shows the process stopped (state T). */
    static void awaitStopped(long pid) throws Exception {
        java.nio.file.Path stat = java.nio.file.Path.of("/proc/" + pid + "/stat");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            String line = java.nio.file.Files.readString(stat);
            if (line.substring(line.lastIndexOf(')') + 2).startsWith("T")) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        throw new AssertionError("process " + pid + " did not stop within 5 s");
    }

    private void signal(String name) throws Exception {
        if (anvil != null && anvil.isAlive()) {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(anvil.pid())).inheritIO().start();
            assertThat(kill.waitFor(5, TimeUnit.SECONDS)).isTrue();
            assertThat(kill.exitValue()).isZero();
            if (name.equals("STOP")) {
                awaitStopped(anvil.pid());
            }
        }
    }
}
