package io.flashbank.chain;

import com.fasterxml.jackson.databind.JsonNode;
import org.web3j.protocol.websocket.events.Notification;

/** A subscription notification kept as a JSON tree (web3j 5's own head type lacks EIP-1559 fields). */
public final class RawNotification extends Notification<JsonNode> {
}
