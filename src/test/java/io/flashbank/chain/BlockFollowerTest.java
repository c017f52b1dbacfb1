package io.flashbank.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Heads in, canonical blocks out: once and in order, back-filled after a gap, replaced after a reorg. */
class BlockFollowerTest {
    private static final long CHAIN = 31337;
    private static final String SYNC = "0x" + "51".repeat(32);
    private static final String PAIR_CREATED = "0x" + "0d".repeat(32);
    private static final List<String> TOPICS = List.of(SYNC, PAIR_CREATED);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeChain chain = new FakeChain(100);

    @Test
    void emitsEachBlockOnceInOrderWhenHeadsArriveOneByOne() {
        BlockFollower follower = new BlockFollower(chain.block(100), TOPICS);
        for (long n = 101; n <= 103; n++) {
            chain.extend('a', n);
            long number = n;
            StepVerifier.create(follower.onHead(chain, chain.head()))
                    .assertNext(canonical(number, hash('a', number), false))
                    .verifyComplete();
        }
        assertThat(chain.blockRequests()).containsExactly(101L, 102L, 103L);
        assertThat(follower.last()).isEqualTo(chain.block(103));
    }

    @Test
    void ignoresARepeatedHead() {
        BlockFollower follower = new BlockFollower(chain.block(100), TOPICS);
        chain.extend('a', 101);
        StepVerifier.create(follower.onHead(chain, chain.head())).expectNextCount(1).verifyComplete();
        int calls = chain.calls.size();

        StepVerifier.create(follower.onHead(chain, chain.block(101))).verifyComplete();
        StepVerifier.create(follower.onHead(chain, chain.block(100))).verifyComplete();

        assertThat(chain.calls).hasSize(calls);
        assertThat(follower.last()).isEqualTo(chain.block(101));
    }

    @Test
    void backfillsEveryMissedBlockByNumberAfterAGap() {
        BlockFollower follower = new BlockFollower(chain.block(100), TOPICS);
        chain.extend('a', 105);
        chain.addLog(103, 7);

        StepVerifier.create(follower.onHead(chain, chain.head()))
                .assertNext(canonical(101, hash('a', 101), true))
                .assertNext(canonical(102, hash('a', 102), true))
                .assertNext(canonical(103, hash('a', 103), true).andThen(e -> assertThat(logsOf(e))
                        .extracting(ChainLog::blockHash, ChainLog::logIndex).containsExactly(
                                tuple(hash('a', 103), 7L))))
                .assertNext(canonical(104, hash('a', 104), true))
                .assertNext(canonical(105, hash('a', 105), false))
                .verifyComplete();
        assertThat(chain.blockRequests()).containsExactly(101L, 102L, 103L, 104L, 105L);
    }

    @Test
    void replacesOrphanedBlocksAfterAReorgAndContinuesOnTheNewBranch() {
        BlockFollower follower = new BlockFollower(chain.block(100), TOPICS);
        chain.extend('a', 105);
        chain.addLog(104, 1);
        follower.onHead(chain, chain.head()).blockLast();
        List<ChainBlock> branchA = List.of(chain.block(103), chain.block(104), chain.block(105));

        chain.reorg(102, 'b', 107);
        chain.addLog(104, 2);
        StepVerifier.create(follower.onHead(chain, chain.head()))
                .assertNext(reorged(chain.block(102), branchA))
                .assertNext(canonical(103, hash('b', 103), true))
                .assertNext(canonical(104, hash('b', 104), true).andThen(e -> assertThat(logsOf(e))
                        .extracting(ChainLog::blockHash, ChainLog::logIndex).containsExactly(
                                tuple(hash('b', 104), 2L))))
                .assertNext(canonical(105, hash('b', 105), true))
                .assertNext(canonical(106, hash('b', 106), true))
                .assertNext(canonical(107, hash('b', 107), false))
                .verifyComplete();

        chain.extend('b', 108);
        StepVerifier.create(follower.onHead(chain, chain.head()))
                .assertNext(canonical(108, hash('b', 108), false))
                .verifyComplete();
        assertThat(follower.last().parentHash()).isEqualTo(hash('b', 107));
    }

    @Test
    void handlesAReorgToAShorterOrEqualHeight() {
        BlockFollower follower = new BlockFollower(chain.block(100), TOPICS);
        chain.extend('a', 105);
        follower.onHead(chain, chain.head()).blockLast();
        List<ChainBlock> branchA = List.of(chain.block(103), chain.block(104), chain.block(105));

        chain.reorg(102, 'b', 104);
        StepVerifier.create(follower.onHead(chain, chain.head()))
                .assertNext(reorged(chain.block(102), branchA))
                .assertNext(canonical(103, hash('b', 103), true))
                .assertNext(canonical(104, hash('b', 104), false))
                .verifyComplete();

        ChainBlock b104 = chain.block(104);
        chain.reorg(103, 'c', 104);
        StepVerifier.create(follower.onHead(chain, chain.head()))
                .assertNext(reorged(chain.block(103), List.of(b104)))
                .assertNext(canonical(104, hash('c', 104), false))
                .verifyComplete();
        assertThat(follower.last()).isEqualTo(chain.block(104));
    }

    @Test
    void failsWithRpcExceptionOnADeeperReorgThanItRemembers() {
        long top = 100 + 2 * BlockFollower.DEPTH;
        long oldest = top - BlockFollower.DEPTH + 1;
        chain.extend('a', top);

        // It remembers the last DEPTH blocks: the oldest of them can still be the common ancestor ...
        BlockFollower deepest = new BlockFollower(chain.block(100), TOPICS);
        deepest.onHead(chain, chain.head()).blockLast();
        List<ChainBlock> orphaned = LongStream.rangeClosed(oldest + 1, top).mapToObj(chain::block).toList();
        assertThat(orphaned).hasSize(BlockFollower.DEPTH - 1);
        chain.reorg(oldest, 'b', top + 1);
        StepVerifier.create(deepest.onHead(chain, chain.head()).take(1))
                .assertNext(reorged(chain.block(oldest), orphaned))
                .verifyComplete();

        // ... but a reorg that replaces that one too has no ancestor it can name.
        FakeChain other = new FakeChain(100);
        other.extend('a', top);
        BlockFollower tooDeep = new BlockFollower(other.block(100), TOPICS);
        tooDeep.onHead(other, other.head()).blockLast();
        other.reorg(oldest - 1, 'b', top + 1);
        StepVerifier.create(tooDeep.onHead(other, other.head()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RpcException.class)
                        .hasMessageContaining("reorg deeper than " + (BlockFollower.DEPTH - 1) + " blocks").hasMessageContaining("" + CHAIN))
                .verify();
        assertThat(tooDeep.last().hash()).isEqualTo(hash('a', top));
    }

    @Test
    void backfillsAGapOfTwentyThousandBlocksWithoutOverflowingTheStack() {
        BlockFollower follower = new BlockFollower(chain.block(100), TOPICS);
        chain.extend('a', 20_100);

        List<BlockEvent> events = follower.onHead(chain, chain.head()).collectList().block();

        assertThat(events).extracting(e -> ((BlockEvent.Canonical) e).header().number())
                .containsExactlyElementsOf(LongStream.rangeClosed(101, 20_100).boxed().toList());
        assertThat(events).filteredOn(e -> !((BlockEvent.Canonical) e).backfilled())
                .singleElement().satisfies(canonical(20_100, hash('a', 20_100), false));
        assertThat(follower.last()).isEqualTo(chain.block(20_100));
    }

    @Test
    void failsRatherThanAskingForeverWhenTheNodesNextBlockDoesNotExtendItsOwnChain() {
        BlockFollower follower = new BlockFollower(chain.block(100), TOPICS);
        chain.extend('a', 102);
        ObjectNode stranger = FakeChain.blockJson(chain.block(101));
        stranger.put("parentHash", hash('z', 100));
        chain.answerBlock(101, stranger);

        StepVerifier.create(follower.onHead(chain, chain.head()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RpcException.class)
                        .hasMessageContaining("block 101 ").hasMessageContaining("parentHash " + hash('z', 100))
                        .hasMessageContaining(hash('a', 100)))
                .verify();
        assertThat(chain.blockRequests()).containsExactly(101L, 100L);
        assertThat(follower.last()).isEqualTo(chain.block(100));
    }

    @Test
    void failsOnMalformedAnswers() {
        BlockFollower follower = new BlockFollower(chain.block(100), TOPICS);
        chain.extend('a', 103);

        ObjectNode noHash = FakeChain.blockJson(chain.block(102));
        noHash.remove("hash");
        chain.answerBlock(102, noHash);
        StepVerifier.create(follower.onHead(chain, chain.head()))
                .assertNext(canonical(101, hash('a', 101), true))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RpcException.class).hasMessageContaining("'hash'"))
                .verify();
        assertThat(follower.last()).isEqualTo(chain.block(101));

        chain.answerBlock(102, FakeChain.blockJson(chain.block(101)));
        StepVerifier.create(follower.onHead(chain, chain.head()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RpcException.class)
                        .hasMessage("asked for block 102, got 101"))
                .verify();

        chain.answerBlock(102, null);
        ObjectNode foreign = chain.logJson(chain.block(101), 0);
        chain.answerLogs(hash('a', 102), JSON.createArrayNode().add(foreign));
        StepVerifier.create(follower.onHead(chain, chain.head()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RpcException.class)
                        .hasMessageContaining(hash('a', 102)).hasMessageContaining("log of " + hash('a', 101)))
                .verify();

        ObjectNode noIndex = chain.logJson(chain.block(102), 0);
        noIndex.remove("logIndex");
        chain.answerLogs(hash('a', 102), JSON.createArrayNode().add(noIndex));
        StepVerifier.create(follower.onHead(chain, chain.head()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RpcException.class).hasMessageContaining("'logIndex'"))
                .verify();
        assertThat(follower.last()).isEqualTo(chain.block(101));

        chain.answerLogs(hash('a', 102), null);
        StepVerifier.create(follower.onHead(chain, chain.head()))
                .assertNext(canonical(102, hash('a', 102), true))
                .assertNext(canonical(103, hash('a', 103), false))
                .verifyComplete();
    }

    @Test
    void failsWhileABlockIsNotAvailableYetAndResumesOnTheNextHead() {
        BlockFollower follower = new BlockFollower(chain.block(100), TOPICS);
        chain.extend('a', 102);
        chain.answerBlock(101, NullNode.getInstance());
        StepVerifier.create(follower.onHead(chain, chain.head()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RpcException.class)
                        .hasMessageContaining("block 101 ").hasMessageContaining("not available"))
                .verify();

        chain.answerBlock(101, null);
        StepVerifier.create(follower.onHead(chain, chain.head()))
                .assertNext(canonical(101, hash('a', 101), true))
                .assertNext(canonical(102, hash('a', 102), false))
                .verifyComplete();
    }

    @Test
    void logsAreSortedByLogIndex() {
        BlockFollower follower = new BlockFollower(chain.block(100), TOPICS);
        chain.extend('a', 101);
        chain.addLog(101, 5);
        chain.addLog(101, 0);
        chain.addLog(101, 3);

        StepVerifier.create(follower.onHead(chain, chain.head()))
                .assertNext(e -> assertThat(logsOf(e)).extracting(ChainLog::logIndex, ChainLog::transactionHash)
                        .containsExactly(
                                tuple(0L, txHash(101, 0)),
                                tuple(3L, txHash(101, 3)),
                                tuple(5L, txHash(101, 5))))
                .verifyComplete();
        assertThat(chain.logFilters).containsExactly(Map.of("blockHash", hash('a', 101), "topics", List.of(TOPICS)));
    }

    private static Consumer<BlockEvent> canonical(long number, String hash, boolean backfilled) {
        return event -> {
            assertThat(event).isInstanceOf(BlockEvent.Canonical.class);
            BlockEvent.Canonical canonical = (BlockEvent.Canonical) event;
            assertThat(canonical.header().number()).isEqualTo(number);
            assertThat(canonical.header().hash()).isEqualTo(hash);
            assertThat(canonical.header().chainId()).isEqualTo(CHAIN);
            assertThat(canonical.backfilled()).as("backfilled").isEqualTo(backfilled);
        };
    }

    private static Consumer<BlockEvent> reorged(ChainBlock ancestor, List<ChainBlock> orphaned) {
        return event -> assertThat(event).isEqualTo(new BlockEvent.Reorged(ancestor, orphaned));
    }

    private static List<ChainLog> logsOf(BlockEvent event) {
        return ((BlockEvent.Canonical) event).logs();
    }

    /** Block hashes name their branch and number, so a wrong block is visible in a failure message. */
    private static String hash(char branch, long number) {
        return String.format("0x%02x%062x", (int) branch, number);
    }

    private static String txHash(long number, long logIndex) {
        return String.format("0xee%030x%032x", number, logIndex);
    }

    /** A scripted node: one canonical branch by number, logs by block hash, and answers that can be replaced. */
    private static final class FakeChain implements ChainRpc {
        private final NavigableMap<Long, ChainBlock> canonical = new TreeMap<>();
        private final Map<String, List<ObjectNode>> logsByHash = new HashMap<>();
        private final Map<Long, JsonNode> blockAnswers = new HashMap<>();
        private final Map<String, JsonNode> logAnswers = new HashMap<>();
        final List<String> calls = new ArrayList<>();
        final List<Object> logFilters = new ArrayList<>();

        FakeChain(long first) {
            canonical.put(first, block('a', first, hash('a', first - 1)));
        }

        ChainBlock block(long number) {
            return canonical.get(number);
        }

        ChainBlock head() {
            return canonical.lastEntry().getValue();
        }

        /** Mines blocks of {@code branch} on the current tip up to {@code top}. */
        void extend(char branch, long top) {
            for (long n = head().number() + 1; n <= top; n++) {
                canonical.put(n, block(branch, n, head().hash()));
            }
        }

        /** Drops every block after {@code ancestor} and mines {@code branch} on it up to {@code top}. */
        void reorg(long ancestor, char branch, long top) {
            canonical.tailMap(ancestor, false).clear();
            extend(branch, top);
        }

        void addLog(long number, long logIndex) {
            ChainBlock block = block(number);
            logsByHash.computeIfAbsent(block.hash(), h -> new ArrayList<>()).add(logJson(block, logIndex));
        }

        /** Answers {@code answer} for block {@code number} instead of the block; null restores the real answer. */
        void answerBlock(long number, JsonNode answer) {
            if (answer == null) {
                blockAnswers.remove(number);
            } else {
                blockAnswers.put(number, answer);
            }
        }

        void answerLogs(String blockHash, JsonNode answer) {
            if (answer == null) {
                logAnswers.remove(blockHash);
            } else {
                logAnswers.put(blockHash, answer);
            }
        }

        /** The block numbers asked for, in order. */
        List<Long> blockRequests() {
            return calls.stream().filter(c -> c.startsWith("eth_getBlockByNumber "))
                    .map(c -> Long.parseLong(c.substring(c.indexOf("0x") + 2), 16)).toList();
        }

        @Override
        public Mono<JsonNode> call(String method, List<?> params) {
            return Mono.fromSupplier(() -> switch (method) {
                case "eth_getBlockByNumber" -> {
                    assertThat(params).hasSize(2).element(1).isEqualTo(false);
                    String number = (String) params.get(0);
                    calls.add(method + " " + number);
                    long n = Long.parseLong(number.substring(2), 16);
                    ChainBlock block = canonical.get(n);
                    yield blockAnswers.getOrDefault(n, block == null ? NullNode.getInstance() : blockJson(block));
                }
                case "eth_getLogs" -> {
                    assertThat(params).hasSize(1);
                    Map<?, ?> filter = (Map<?, ?>) params.get(0);
                    String blockHash = (String) filter.get("blockHash");
                    calls.add(method + " " + blockHash);
                    logFilters.add(filter);
                    ArrayNode logs = JSON.createArrayNode();
                    logsByHash.getOrDefault(blockHash, List.of()).forEach(logs::add);
                    yield logAnswers.getOrDefault(blockHash, logs);
                }
                default -> throw new IllegalArgumentException("the fake does not answer " + method);
            });
        }

        @Override
        public Flux<JsonNode> newHeads() {
            return Flux.error(new UnsupportedOperationException("BlockFollower is handed its heads"));
        }

        @Override
        public Mono<Void> onClose() {
            return Mono.never();
        }

        @Override
        public void close() {
        }

        private static ChainBlock block(char branch, long number, String parentHash) {
            return new ChainBlock(CHAIN, number, hash(branch, number), parentHash, 1_700_000_000L + 12 * number,
                    BigInteger.valueOf(1_000_000_000L + number), 30_000_000L);
        }

        static ObjectNode blockJson(ChainBlock block) {
            return JSON.createObjectNode()
                    .put("number", hex(block.number()))
                    .put("hash", block.hash())
                    .put("parentHash", block.parentHash())
                    .put("timestamp", hex(block.timestamp()))
                    .put("baseFeePerGas", "0x" + block.baseFeePerGas().toString(16))
                    .put("gasLimit", "0x" + Long.toHexString(block.gasLimit()));
        }

        ObjectNode logJson(ChainBlock block, long logIndex) {
            ObjectNode log = JSON.createObjectNode()
                    .put("address", "0x" + "ab".repeat(20))
                    .put("data", "0x" + "00".repeat(64))
                    .put("blockNumber", hex(block.number()))
                    .put("blockHash", block.hash())
                    .put("transactionHash", txHash(block.number(), logIndex))
                    .put("logIndex", hex(logIndex));
            log.putArray("topics").add(SYNC);
            return log;
        }

        private static String hex(long value) {
            return "0x" + Long.toHexString(value);
        }
    }
}
