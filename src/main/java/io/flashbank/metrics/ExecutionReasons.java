package io.flashbank.metrics;

import io.flashbank.execute.Execution;
import java.util.List;
import java.util.Map;

/**
 * Sorts an execution's free-text reason into a small fixed set of classes, so that {@code reason} stays a bounded
 * metrics label (the full text is in the execution event and the ledger).
 */
final class ExecutionReasons {
    /** Reason prefixes as the executor writes them, first match wins. */
    private static final List<Map.Entry<String, String>> PREFIXES = List.of(
            Map.entry("cross-chain", "cross_chain"),
            Map.entry("opportunity is on chain", "wrong_chain"),
            Map.entry("no FlashBank liquidity", "no_liquidity"),
            Map.entry("no pull plan", "no_pull_plan"),
            Map.entry("no longer pays", "unprofitable"),
            Map.entry("simulation:", "simulation_reverted"),
            Map.entry("eth_estimateGas", "gas_estimate_failed"),
            Map.entry("failed before sending", "rpc_failed"),
            Map.entry("node refused", "node_refused"),
            Map.entry("reverted on-chain", "reverted"),
            Map.entry("no receipt", "no_receipt"),
            Map.entry("receipt unreadable", "no_receipt"));

    private ExecutionReasons() {
    }

    /**
     * {@code none} for no reason (a mined execution), {@code reverted} for any on-chain revert (its decoded reason is
     * the contract's own text), the class of a known skip or timeout, else {@code other}.
     */
    static String classify(Execution.Status status, String reason) {
        if (status == Execution.Status.REVERTED) {
            return "reverted";
        }
        if (reason == null || reason.isEmpty()) {
            return "none";
        }
        for (Map.Entry<String, String> p : PREFIXES) {
            if (reason.startsWith(p.getKey())) {
                return p.getValue();
            }
        }
        return "other";
    }
}
