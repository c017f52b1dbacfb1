package io.flashbank.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One monitoring event for the SSE stream: its SSE event name and a JSON-ready payload (null values allowed). */
public record MonitorEvent(String type, Map<String, Object> payload) {
    public MonitorEvent {
        Objects.requireNonNull(type, "type");
        payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload));
    }
}
