package io.flashbank.execute;

import com.fasterxml.jackson.databind.JsonNode;
import io.flashbank.market.Addresses;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.Utils;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;

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
    static final String FLASH_LOAN_TOPIC = Hash.sha3String(
            "FlashLoan(address,address,address,uint256,uint256,address[],uint256[],uint256[])");
    private static final List<TypeReference<Type>> DATA = Utils.convert(List.of(
            new TypeReference<Uint256>() { }, new TypeReference<Uint256>() { },
            new TypeReference<DynamicArray<Address>>() { }, new TypeReference<DynamicArray<Uint256>>() { },
            new TypeReference<DynamicArray<Uint256>>() { }));

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
    public static Optional<LoanPulls> in(JsonNode receipt, String flashBank) {
        for (JsonNode log : receipt.path("logs")) {
            JsonNode topics = log.path("topics");
            if (!flashBank.equalsIgnoreCase(log.path("address").asText()) || topics.size() == 0
                    || !FLASH_LOAN_TOPIC.equalsIgnoreCase(topics.get(0).asText())) {
                continue;
            }
            if (topics.size() != 4) {
                throw new IllegalArgumentException("FlashLoan event with " + topics.size() + " topics, not 4");
            }
            String data = log.path("data").asText();
            List<Type> values = FunctionReturnDecoder.decode(data, DATA);
            if (values.size() != DATA.size()) {
                throw new IllegalArgumentException("FlashLoan data does not decode as (uint256,uint256,address[],uint256[],uint256[])");
            }
            List<String> providers = new ArrayList<>();
            for (Object a : ((DynamicArray<?>) values.get(2)).getValue()) {
                providers.add(((Address) a).getValue().toLowerCase(Locale.ROOT));
            }
            List<BigInteger> pulls = new ArrayList<>();
            for (Object p : ((DynamicArray<?>) values.get(3)).getValue()) {
                pulls.add(((Uint256) p).getValue());
            }
            String token = topics.get(1).asText();
            return Optional.of(new LoanPulls("0x" + token.substring(token.length() - 40), ((Uint256) values.get(0)).getValue(),
                    providers, pulls));
        }
        return Optional.empty();
    }

    /** The pulls as a plan-shaped record, for the schedule. */
    PullPlan asPlan() {
        return new PullPlan(providers, pulls);
    }
}
