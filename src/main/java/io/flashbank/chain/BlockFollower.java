package io.flashbank.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Follows one chain from a known block: each head becomes the canonical blocks since the last one, in order and
 * exactly once, back-filled by number after a gap and replaced after a reorg.
 *
 * <p>Not thread-safe: {@link #onHead} calls must be serialised (concatMap); the state survives reconnects, which
 * is what makes a new connection resume where the old one stopped.
 */
final class BlockFollower {
    /** How many recent blocks are remembered for reorg detection; a deeper reorg is reported as an error. */
    static final int DEPTH = 128;

    private final long chainId;
    private final List<String> topics;
    private final NavigableMap<Long, ChainBlock> recent = new TreeMap<>();

    /**
     * @param start the last block already reflected in the caller's state (its snapshot block)
     * @param topics topic-0 values of the logs to fetch for every canonical block
     */
    BlockFollower(ChainBlock start, List<String> topics) {
        this.chainId = start.chainId();
        this.topics = List.copyOf(topics);
        recent.put(start.number(), start);
    }

    /** The newest canonical block processed. */
    ChainBlock last() {
        return recent.lastEntry().getValue();
    }

    /** Emits the canonical blocks (and any reorg) that bring the follower up to {@code head}. */
    Flux<BlockEvent> onHead(ChainRpc rpc, ChainBlock head) {
        return Flux.defer(() -> {
            ChainBlock known = recent.get(head.number());
            if (known != null && known.hash().equals(head.hash())) {
                return Flux.empty();
            }
            if (head.number() <= last().number()) {
                return rewind(rpc, head.number()).concatWith(advance(rpc, head.number()));
            }
            return advance(rpc, head.number());
        });
    }

    /**
     * One block per round, repeated rather than nested: a chain of nested {@code concatWith}s would grow the stack
     * with the gap and overflow after a few thousand blocks.
     */
    private Flux<BlockEvent> advance(ChainRpc rpc, long target) {
        return Flux.defer(() -> nextBlock(rpc, target)).repeat(() -> last().number() < target);
    }

    private Flux<BlockEvent> nextBlock(ChainRpc rpc, long target) {
        ChainBlock last = last();
        if (last.number() >= target) {
            return Flux.empty();
        }
        long next = last.number() + 1;
        return blockByNumber(rpc, next).flatMapMany(block -> {
            if (!block.parentHash().equals(last.hash())) {
                // If our last block is still canonical, the node contradicts itself; asking again would loop forever.
                return rewind(rpc, last.number()).switchIfEmpty(Flux.error(() -> new RpcException("block " + next
                        + " of chain " + chainId + " has parentHash " + block.parentHash() + ", but block "
                        + last.number() + " is still " + last.hash())));
            }
            return logsOf(rpc, block)
                    .map(logs -> {
                        remember(block);
                        return (BlockEvent) new BlockEvent.Canonical(block, logs, block.number() < target);
                    })
                    .flux();
        });
    }

    /** Walks back from {@code from} until a remembered block is still canonical, and drops what came after it. */
    private Flux<BlockEvent> rewind(ChainRpc rpc, long from) {
        return Flux.defer(() -> {
            long number = Math.min(from, last().number());
            if (number < recent.firstKey()) {
                // DEPTH remembered blocks can orphan at most DEPTH - 1 of them (the oldest must be the ancestor).
                return Flux.error(new RpcException("reorg deeper than " + (DEPTH - 1) + " blocks on chain " + chainId));
            }
            return blockByNumber(rpc, number).flatMapMany(block -> {
                ChainBlock mine = recent.get(number);
                if (mine != null && mine.hash().equals(block.hash())) {
                    Map<Long, ChainBlock> dropped = recent.tailMap(number, false);
                    if (dropped.isEmpty()) {
                        return Flux.empty();
                    }
                    List<ChainBlock> orphaned = new ArrayList<>(dropped.values());
                    dropped.clear();
                    return Flux.just(new BlockEvent.Reorged(mine, orphaned));
                }
                return rewind(rpc, number - 1);
            });
        });
    }

    private void remember(ChainBlock block) {
        recent.put(block.number(), block);
        while (recent.size() > DEPTH) {
            recent.pollFirstEntry();
        }
    }

    private Mono<ChainBlock> blockByNumber(ChainRpc rpc, long number) {
        return rpc.call("eth_getBlockByNumber", List.of(Quantities.hex(number), false)).map(node -> {
            if (node.isNull()) {
                throw new RpcException("block " + number + " of chain " + chainId + " is not available yet");
            }
            ChainBlock block = ChainBlock.parse(chainId, node);
            if (block.number() != number) {
                throw new RpcException("asked for block " + number + ", got " + block.number());
            }
            return block;
        });
    }

    private Mono<List<ChainLog>> logsOf(ChainRpc rpc, ChainBlock block) {
        Map<String, Object> filter = Map.of("blockHash", block.hash(), "topics", List.of(topics));
        return rpc.call("eth_getLogs", List.of(filter)).map(node -> {
            if (!node.isArray()) {
                throw new RpcException("eth_getLogs answered " + node.getNodeType() + ", not an array");
            }
            List<ChainLog> logs = new ArrayList<>(node.size());
            for (JsonNode entry : node) {
                ChainLog log = ChainLog.parse(entry);
                if (!log.blockHash().equals(block.hash())) {
                    throw new RpcException("eth_getLogs for block " + block.hash() + " answered a log of " + log.blockHash());
                }
                logs.add(log);
            }
            logs.sort(java.util.Comparator.comparingLong(ChainLog::logIndex));
            return logs;
        });
    }
}
