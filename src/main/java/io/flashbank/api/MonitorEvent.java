package io.flashbank.api;

import java.util.Map;

/** One monitoring event for the SSE stream: its SSE event name and a JSON-ready payload. */
public record MonitorEvent(String type, Map<String, Object> payload) {
    public MonitorEvent {
        payload = Map.copyOf(payload);
    }
}
