package io.flashbank.execute;

import io.flashbank.chain.ChainLog;
import io.flashbank.chain.TransactionReceipt;
import io.flashbank.contracts.FlashBankAbi;
import io.flashbank.contracts.FlashLoanLog;
import io.flashbank.market.Addresses;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * What one flash loan actually pulled, from FlashBank's {@code FlashLoan} event in its receipt: the token, the amount
 * and who lent how much, in pull order.
 *
 * @param token the lent token (lower-case)
 * @param amount the loan, the sum of {@code pulls}
 * @param providers the providers pulled, in order (lower-case)
 * @param pulls what each lent, index for index, each positive
 */
public record LoanPulls(String token, BigInteger amount, List<String> providers, List<BigInteger> pulls) {
    static final String FLASH_LOAN_TOPIC = FlashBankAbi.FLASH_LOAN;

    public LoanPulls {
        token = Addresses.normalize(token, "token");
        providers = providers.stream().map(p -> Addresses.normalize(p, "provider")).toList();
        pulls = List.copyOf(pulls);
        if (providers.isEmpty() || providers.size() != pulls.size()) {
            throw new IllegalArgumentException("a loan pulls from at least one provider, one pull each; got " + providers.size()
                    + " providers and " + pulls.size() + " pulls");
        }
        if (pulls.stream().anyMatch(p -> p.signum() <= 0)) {
            throw new IllegalArgumentException("every pull must be positive, got " + pulls);
        }
        BigInteger sum = pulls.stream().reduce(BigInteger.ZERO, BigInteger::add);
        if (!sum.equals(amount)) {
            throw new IllegalArgumentException("pulls sum to " + sum + ", not the amount " + amount);
        }
    }

    /**
     * The first {@code FlashLoan} event {@code flashBank} emitted in {@code receipt}, or empty when there is none.
     *
     * @throws IllegalArgumentException when such an event is there but does not decode (wrong topics, data or sums)
     */
    public static Optional<LoanPulls> in(TransactionReceipt receipt, String flashBank) {
        for (ChainLog log : receipt.logs()) {
            if (!flashBank.equalsIgnoreCase(log.address()) || !FLASH_LOAN_TOPIC.equals(log.topic0())) {
                continue;
            }
            FlashLoanLog loan = FlashLoanLog.decode(log.topics(), log.data());
            return Optional.of(new LoanPulls(loan.token(), loan.amount(), loan.providers(), loan.pulls()));
        }
        return Optional.empty();
    }

    /** The pulls as a plan-shaped record, for the schedule. */
    PullPlan asPlan() {
        return new PullPlan(providers, pulls);
    }
}
