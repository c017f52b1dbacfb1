package io.flashbank.chain;

import com.fasterxml.jackson.databind.JsonNode;
import org.web3j.protocol.core.Response;

/** A JSON-RPC answer kept as a JSON tree, so the engine validates every field itself. */
public final class RawResponse extends Response<JsonNode> {
}
