package io.flashbank.app;

import io.flashbank.api.ProviderHistory;
import io.flashbank.ledger.Ledger;
import io.flashbank.ledger.LoanRecord;
import io.flashbank.ledger.LoanShare;
import io.flashbank.ledger.ProviderLoan;
import io.flashbank.ledger.ProviderPosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/** The LP endpoints' view of the ledger: ledger records in wire form, amounts as decimal strings. */
final class LedgerHistory implements ProviderHistory {
    private final Ledger ledger;

    LedgerHistory(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public Mono<List<Map<String, Object>>> provider(String address) {
        return ledger.provider(address).map(p -> {
            List<Map<String, Object>> positions = new ArrayList<>();
            for (ProviderPosition position : p.positions()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("chainId", position.chainId());
                m.put("token", position.token());
                m.put("commitment", position.commitment().toString());
                m.put("feesEarned", position.feesEarned().toString());
                m.put("withdrawn", position.withdrawn().toString());
                m.put("unwithdrawn", position.unwithdrawn().toString());
                List<Map<String, Object>> loans = new ArrayList<>();
                for (ProviderLoan loan : position.latestLoans()) {
                    Map<String, Object> l = new LinkedHashMap<>();
                    l.put("txHash", loan.txHash());
                    l.put("logIndex", loan.logIndex());
                    l.put("blockNumber", loan.blockNumber());
                    l.put("amount", loan.amount().toString());
                    l.put("fee", loan.fee().toString());
                    l.put("pulled", loan.pulled().toString());
                    l.put("feeShare", loan.feeShare().toString());
                    loans.add(l);
                }
                m.put("latestLoans", loans);
                positions.add(m);
            }
            return positions;
        });
    }

    @Override
    public Mono<List<Map<String, Object>>> loans(Long chainId, int limit) {
        return ledger.loans(chainId, limit).map(LedgerHistory::loan).collectList();
    }

    @Override
    public Mono<Void> ping() {
        return ledger.ping();
    }

    private static Map<String, Object> loan(LoanRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chainId", r.chainId());
        m.put("txHash", r.txHash());
        m.put("logIndex", r.logIndex());
        m.put("blockNumber", r.blockNumber());
        m.put("token", r.token());
        m.put("receiver", r.receiver());
        m.put("initiator", r.initiator());
        m.put("amount", r.amount().toString());
        m.put("fee", r.fee().toString());
        List<Map<String, Object>> shares = new ArrayList<>();
        for (LoanShare s : r.shares()) {
            shares.add(Map.of("provider", s.provider(), "pulled", s.pulled().toString(), "feeShare", s.feeShare().toString()));
        }
        m.put("shares", shares);
        return m;
    }
}
