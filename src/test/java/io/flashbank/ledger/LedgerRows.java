package io.flashbank.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.flashbank.chain.ChainRpc;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.Utils;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import reactor.core.publisher.Flux;

/**
 * The ledger's event tables as sorted one-line rows, built twice: from the chain's own logs (decoded here, apart from
 * the indexer's decoder) and from the database, so a test can demand they are equal: nothing missing, nothing twice.
 */
final class LedgerRows {
    private static final String COMMITTED = Hash.sha3String("Committed(address,address,uint256)");
    private static final String PRUNED = Hash.sha3String("ProviderPruned(address,address,address)");
    private static final String FLASH_LOAN = Hash.sha3String("FlashLoan(address,address,address,uint256,uint256,address[],uint256[],uint256[])");
    private static final String WITHDRAWN = Hash.sha3String("ProfitsWithdrawn(address,address,uint256)");
    private static final String EXECUTED = Hash.sha3String("Executed(address,address,uint256,uint256,uint256)");
    private static final String[] TABLES = {"commitment_events", "loans", "loan_shares", "withdrawals", "arbitrage_events"};

    private LedgerRows() {
    }

    /** Table → sorted rows, from every log of {@code flashBank} and {@code executor} in blocks 0..{@code toBlock}. */
    static Map<String, List<String>> fromChain(ChainRpc rpc, String flashBank, String executor, long toBlock) {
        JsonNode logs = rpc.call("eth_getLogs", List.of(Map.of("fromBlock", "0x0", "toBlock", "0x" + Long.toHexString(toBlock),
                "address", List.of(flashBank, executor)))).block(Duration.ofSeconds(30));
        Map<String, List<String>> rows = empty();
        for (JsonNode log : logs) {
            String topic0 = log.get("topics").get(0).asText();
            String address = log.get("address").asText().toLowerCase();
            String key = log.get("transactionHash").asText() + "|" + Long.decode(log.get("logIndex").asText()) + "|"
                    + Long.decode(log.get("blockNumber").asText());
            List<BigInteger> words = words(log.get("data").asText());
            if (address.equals(flashBank) && topic0.equals(COMMITTED)) {
                rows.get("commitment_events").add(key + "|" + topic(log, 1) + "|" + topic(log, 2) + "|" + words.get(0) + "|committed");
            } else if (address.equals(flashBank) && topic0.equals(PRUNED)) {
                rows.get("commitment_events").add(key + "|" + topic(log, 1) + "|" + topic(log, 2) + "|0|pruned");
            } else if (address.equals(flashBank) && topic0.equals(WITHDRAWN)) {
                rows.get("withdrawals").add(key + "|" + topic(log, 1) + "|" + topic(log, 2) + "|" + words.get(0));
            } else if (address.equals(executor) && topic0.equals(EXECUTED)) {
                rows.get("arbitrage_events").add(key + "|" + topic(log, 1) + "|" + topic(log, 2) + "|" + words.get(0) + "|"
                        + words.get(1) + "|" + words.get(2));
            } else if (address.equals(flashBank) && topic0.equals(FLASH_LOAN)) {
                List<Type> v = FunctionReturnDecoder.decode(log.get("data").asText(), Utils.convert(List.of(new TypeReference<Uint256>() { },
                        new TypeReference<Uint256>() { }, new TypeReference<DynamicArray<Address>>() { },
                        new TypeReference<DynamicArray<Uint256>>() { }, new TypeReference<DynamicArray<Uint256>>() { })));
                rows.get("loans").add(key + "|" + topic(log, 1) + "|" + topic(log, 2) + "|" + topic(log, 3) + "|" + v.get(0).getValue()
                        + "|" + v.get(1).getValue());
                List<?> providers = ((DynamicArray<?>) v.get(2)).getValue();
                for (int i = 0; i < providers.size(); i++) {
                    rows.get("loan_shares").add(key + "|" + i + "|" + ((Address) providers.get(i)).getValue().toLowerCase() + "|"
                            + ((Uint256) ((DynamicArray<?>) v.get(3)).getValue().get(i)).getValue() + "|"
                            + ((Uint256) ((DynamicArray<?>) v.get(4)).getValue().get(i)).getValue());
                }
            }
        }
        rows.values().forEach(list -> list.sort(null));
        return rows;
    }

    /** Table → sorted rows of {@code chainId} in the database, in the same format. */
    static Map<String, List<String>> fromDatabase(LedgerDatabase db, long chainId) {
        Map<String, String> select = Map.of(
                "commitment_events", "tx_hash || '|' || log_index || '|' || block_number || '|' || token || '|' || provider || '|' || amount || '|' || kind",
                "loans", "tx_hash || '|' || log_index || '|' || block_number || '|' || token || '|' || receiver || '|' || initiator || '|' || amount || '|' || fee",
                "loan_shares", "tx_hash || '|' || log_index || '|' || block_number || '|' || position || '|' || provider || '|' || pulled || '|' || fee_share",
                "withdrawals", "tx_hash || '|' || log_index || '|' || block_number || '|' || token || '|' || provider || '|' || amount",
                "arbitrage_events", "tx_hash || '|' || log_index || '|' || block_number || '|' || lender || '|' || token || '|' || amount || '|' || fee || '|' || profit");
        Map<String, List<String>> rows = empty();
        for (String table : TABLES) {
            List<String> found = Sql.withConnection(db.pool(), c -> Flux.from(c.createStatement("SELECT " + select.get(table) + " AS r FROM "
                            + table + " WHERE chain_id = " + chainId).execute()).concatMap(r -> r.map((row, meta) -> row.get("r", String.class))))
                    .collectList().block(Duration.ofSeconds(30));
            rows.get(table).addAll(found);
            rows.get(table).sort(null);
        }
        return rows;
    }

    private static Map<String, List<String>> empty() {
        Map<String, List<String>> rows = new TreeMap<>();
        for (String table : TABLES) {
            rows.put(table, new ArrayList<>());
        }
        return rows;
    }

    private static String topic(JsonNode log, int index) {
        String t = log.get("topics").get(index).asText();
        return "0x" + t.substring(t.length() - 40).toLowerCase();
    }

    private static List<BigInteger> words(String data) {
        List<BigInteger> out = new ArrayList<>();
        for (int i = 2; i + 64 <= data.length(); i += 64) {
            out.add(new BigInteger(data.substring(i, i + 64), 16));
        }
        return out;
    }
}
