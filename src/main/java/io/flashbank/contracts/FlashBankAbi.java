package io.flashbank.contracts;

import java.util.List;
import org.web3j.crypto.Hash;

/**
 * The signatures of FlashBank's and the ArbitrageExecutor's events and of {@code execute}, typed once here for every
 * reader (the executor, the ledger, the benchmarks) and checked against the compiled artifacts by the tests.
 */
public final class FlashBankAbi {
    public static final String COMMITTED = Hash.sha3String("Committed(address,address,uint256)");
    public static final String PROVIDER_PRUNED = Hash.sha3String("ProviderPruned(address,address,address)");
    public static final String FLASH_LOAN = Hash.sha3String(
            "FlashLoan(address,address,address,uint256,uint256,address[],uint256[],uint256[])");
    public static final String PROFITS_WITHDRAWN = Hash.sha3String("ProfitsWithdrawn(address,address,uint256)");
    /** The ArbitrageExecutor's {@code Executed(lender, token, amount, fee, profit)}. */
    public static final String EXECUTED = Hash.sha3String("Executed(address,address,uint256,uint256,uint256)");
    /** Topic 0 of every event the ledger records. */
    public static final List<String> LEDGER_TOPICS = List.of(COMMITTED, PROVIDER_PRUNED, FLASH_LOAN, PROFITS_WITHDRAWN, EXECUTED);

    public static final String EXECUTE_SIGNATURE = "execute(address,address,uint256,address[],(address,bool)[],uint256)";
    public static final String EXECUTE_SELECTOR = Hash.sha3String(EXECUTE_SIGNATURE).substring(0, 10);

    private FlashBankAbi() {
    }
}
