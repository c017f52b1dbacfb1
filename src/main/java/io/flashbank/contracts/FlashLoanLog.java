package io.flashbank.contracts;

import io.flashbank.chain.AbiWords;
import java.math.BigInteger;
import java.util.List;

/**
 * FlashBank's {@code FlashLoan(token, receiver, initiator, amount, fee, providers, pulls, feeShares)} event read from a
 * log's topics and data, the one decoder the executor and the ledger share: every length, offset and sum is checked,
 * so a malformed event is refused with a message naming what is wrong instead of being half-read.
 *
 * @param token the lent token, lower-case
 * @param receiver the borrower contract, lower-case
 * @param initiator who called {@code flashLoan}, lower-case
 * @param amount the loan, the sum of {@code pulls}
 * @param fee the fee, the sum of {@code feeShares}
 * @param providers the providers pulled, in pull order, lower-case, none the zero address
 * @param pulls what each provider lent, index for index
 * @param feeShares what each provider was credited, index for index
 */
public record FlashLoanLog(String token, String receiver, String initiator, BigInteger amount, BigInteger fee,
                           List<String> providers, List<BigInteger> pulls, List<BigInteger> feeShares) {
    /** A loan pulls from at most a few hundred wallets; a far longer list is not FlashBank's. */
    static final int MAX_PROVIDERS = 1_024;
    private static final String ZERO_ADDRESS = "0x" + "0".repeat(40);

    /**
     * Decodes a log whose topic 0 is {@link FlashBankAbi#FLASH_LOAN}.
     *
     * @throws IllegalArgumentException naming what does not fit the event
     */
    public static FlashLoanLog decode(List<String> topics, String data) {
        if (topics.size() != 4) {
            throw new IllegalArgumentException("FlashLoan has 4 topics, got " + topics.size());
        }
        try {
            AbiWords words = AbiWords.of(data, "FlashLoan data");
            if (words.size() < 8) {
                throw new IllegalArgumentException("FlashLoan data must be at least 8 words, got " + words.size());
            }
            List<String> providers = words.addressArray(2);
            List<BigInteger> pulls = words.uintArray(3, 256);
            List<BigInteger> feeShares = words.uintArray(4, 256);
            int n = providers.size();
            if (pulls.size() != n || feeShares.size() != n) {
                throw new IllegalArgumentException("FlashLoan arrays differ in length: providers " + n + ", pulls " + pulls.size()
                        + ", feeShares " + feeShares.size());
            }
            // The offsets and the length must be where Solidity puts them, with nothing after: one event cannot be
            // read two ways.
            words.requireOffset(2, 5 * 32L);
            words.requireOffset(3, (5 + 1 + n) * 32L);
            words.requireOffset(4, (5 + 2 * (1 + n)) * 32L);
            if (words.size() != 5 + 3 * (1 + n)) {
                throw new IllegalArgumentException("FlashLoan data is not in canonical ABI encoding: " + words.size() + " words for "
                        + n + " providers");
            }
            if (n == 0 || n > MAX_PROVIDERS) {
                throw new IllegalArgumentException("FlashLoan must name 1 to " + MAX_PROVIDERS + " providers, got " + n);
            }
            int zero = providers.indexOf(ZERO_ADDRESS);
            if (zero >= 0) {
                throw new IllegalArgumentException("FlashLoan provider " + zero + " is the zero address");
            }
            BigInteger amount = words.uint(0);
            BigInteger fee = words.uint(1);
            BigInteger pulled = pulls.stream().reduce(BigInteger.ZERO, BigInteger::add);
            BigInteger credited = feeShares.stream().reduce(BigInteger.ZERO, BigInteger::add);
            if (!pulled.equals(amount)) {
                throw new IllegalArgumentException("FlashLoan pulls sum to " + pulled + ", not the amount " + amount);
            }
            if (!credited.equals(fee)) {
                throw new IllegalArgumentException("FlashLoan fee shares sum to " + credited + ", not the fee " + fee);
            }
            return new FlashLoanLog(topic(topics, 1), topic(topics, 2), topic(topics, 3), amount, fee, providers, pulls, feeShares);
        } catch (io.flashbank.chain.RpcException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static String topic(List<String> topics, int index) {
        return AbiWords.topicAddress(topics.get(index), "FlashLoan topic " + index);
    }
}
