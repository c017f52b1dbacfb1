package io.flashbank.execute;

import java.util.Locale;

/** How a flash loan chooses the FlashBank providers it pulls from. */
public enum PullMode {
    /**
     * {@code flashLoanFrom} ordered by a weighted deficit schedule ({@link DeficitSchedule}): few providers per loan, and
     * over time each provider's pulled volume, hence its fees, in proportion to what it can lend.
     */
    FAIR("fair"),
    /** {@code flashLoanFrom} with the fewest providers that cover the loan, largest available first. */
    GREEDY("greedy"),
    /** {@code flashLoan}: FlashBank pulls from every committed provider in proportion to what each can lend. */
    PRO_RATA("proRata");

    private final String wireName;

    PullMode(String wireName) {
        this.wireName = wireName;
    }

    /** {@code "fair"}, {@code "greedy"} or {@code "proRata"}, as configuration spells it. */
    public String wireName() {
        return wireName;
    }

    /**
     * The mode named {@code text} ({@code fair}, {@code greedy} or {@code proRata}, case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted values when {@code text} is neither
     */
    public static PullMode parse(String text) {
        for (PullMode mode : values()) {
            if (mode.wireName.toLowerCase(Locale.ROOT).equals(String.valueOf(text).toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new IllegalArgumentException("pull mode must be 'fair', 'greedy' or 'proRata', got: " + text);
    }
}
