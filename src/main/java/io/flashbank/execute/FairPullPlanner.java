package io.flashbank.execute;

import io.flashbank.market.Addresses;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fair pull schedules of one chain, one {@link DeficitSchedule} per token; safe to call from any thread (the
 * executor plans and records on its scheduler, the engine seeds from the ledger's driver threads).
 */
final class FairPullPlanner {
    private final Map<String, DeficitSchedule> schedules = new HashMap<>();

    /** The fair plan for a loan of {@code amount} of {@code token}; see {@link DeficitSchedule#plan}. */
    synchronized Optional<PullPlan> plan(String token, Map<String, BigInteger> available, BigInteger amount) {
        return schedule(token).plan(available, amount);
    }

    /** Moves {@code loan}'s token's schedule by what the loan pulled; {@code available} is what the plan saw. */
    synchronized void record(LoanPulls loan, Map<String, BigInteger> available) {
        schedule(loan.token()).record(available, loan.asPlan());
    }

    /** Seeds {@code token}'s schedule with the ledger's history; false, and ignored, once it recorded a loan. */
    synchronized boolean seed(String token, PullHistory history) {
        return schedule(token).seed(history);
    }

    /** {@code token}'s credits as the next plan would start from them at {@code available}. */
    synchronized Map<String, BigInteger> credits(String token, Map<String, BigInteger> available) {
        return schedule(token).credits(available);
    }

    private DeficitSchedule schedule(String token) {
        return schedules.computeIfAbsent(Addresses.normalize(token, "token"), t -> new DeficitSchedule());
    }
}
