package io.flashbank.api;

import io.flashbank.rank.Opportunity;
import io.flashbank.rank.RouteHop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The wire form of an opportunity: amounts as decimal strings in the base token's smallest unit. */
final class OpportunityJson {
    private OpportunityJson() {
    }

    static Map<String, Object> of(Opportunity o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id());
        m.put("kind", o.kind().wireName());
        m.put("chains", o.chains());
        List<Map<String, Object>> route = new ArrayList<>();
        for (RouteHop hop : o.route()) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("chainId", hop.chainId());
            h.put("pool", hop.pool());
            h.put("tokenIn", hop.tokenIn());
            h.put("tokenOut", hop.tokenOut());
            route.add(h);
        }
        m.put("route", route);
        m.put("baseToken", o.baseToken());
        m.put("amountIn", o.amountIn().toString());
        m.put("expectedProfit", o.expectedProfit().toString());
        m.put("flashFee", o.flashFee().toString());
        m.put("gasCost", o.gasCost().toString());
        m.put("netProfit", o.netProfit().toString());
        Map<String, Long> blocks = new LinkedHashMap<>();
        o.blockNumbers().forEach((chain, block) -> blocks.put(String.valueOf(chain), block));
        m.put("blockNumbers", blocks);
        m.put("detectedAt", o.detectedAt().toString());
        return m;
    }

    static List<Map<String, Object>> of(List<Opportunity> list) {
        List<Map<String, Object>> out = new ArrayList<>(list.size());
        list.forEach(o -> out.add(of(o)));
        return out;
    }
}
