package io.flashbank.api;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;
import reactor.netty.http.server.HttpServerRequest;

/** A request's query parameters, decoded once at the edge: a malformed percent-escape is a 400, never a 500. */
final class RequestQuery {
    private RequestQuery() {
    }

    /** The decoded parameters of {@code req}'s query string; 400 {@code bad_query} when it cannot be decoded. */
    static Map<String, List<String>> parameters(HttpServerRequest req) {
        try {
            return new QueryStringDecoder(req.uri()).parameters();
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "bad_query", "the query string cannot be decoded: " + e.getMessage());
        }
    }
}
