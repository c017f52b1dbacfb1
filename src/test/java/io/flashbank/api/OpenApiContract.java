package io.flashbank.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The served OpenAPI 3.1 document as a test oracle: finds the response an operation documents for a status and
 * validates a real body against its schema (draft 2020-12, networknt), and records which operations were exercised.
 */
final class OpenApiContract {
    private static final String BASE = "https://flashbank.invalid/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Set<String> exercised = ConcurrentHashMap.newKeySet();

    OpenApiContract(String text) throws Exception {
        this.document = JSON.readTree(text);
        this.registry = SchemaRegistry.withDialect(Dialects.getOpenApi31(), b -> b.schemas(Map.of(BASE, text)));
    }

    JsonNode document() {
        return document;
    }

    /** {@code "GET /health"} for every operation the document has. */
    Set<String> operations() {
        Set<String> all = new java.util.TreeSet<>();
        document.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> all.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
        return all;
    }

    Set<String> exercised() {
        return Set.copyOf(exercised);
    }

    /**
     * Checks a real answer of {@code method path}: its status is documented (or falls to {@code default}), its
     * content type is the documented one, its body validates against the documented schema, and documented
     * required headers are there.
     */
    void check(String method, String path, int status, String contentType, Map<String, List<String>> headers, String body) {
        String op = method.toUpperCase(Locale.ROOT) + " " + path;
        JsonNode operation = document.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
        assertThat(operation.isObject()).as("the document has no operation " + op).isTrue();
        JsonNode responses = operation.path("responses");
        String key = responses.has(String.valueOf(status)) ? String.valueOf(status) : "default";
        assertThat(responses.has(key)).as(op + " answered " + status + ", which is not documented: " + body).isTrue();
        String pointer = "/paths/" + escape(path) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + key;
        checkResponse(op + " → " + status, pointer, responses.path(key), contentType, headers, body);
        exercised.add(op);
    }

    /** Checks an answer against a response under {@code components.responses} (one no single operation owns: 404, 405). */
    void checkComponentResponse(String name, int status, String contentType, Map<String, List<String>> headers, String body) {
        JsonNode response = document.path("components").path("responses").path(name);
        assertThat(response.isObject()).as("no components.responses." + name).isTrue();
        checkResponse(name + " (" + status + ")", "/components/responses/" + name, response, contentType, headers, body);
    }

    /** Validates {@code json} against {@code components.schemas.<name>}. */
    void checkSchema(String name, String json) {
        assertThat(document.path("components").path("schemas").has(name)).as("no components.schemas." + name).isTrue();
        validate(name, "/components/schemas/" + name, json);
    }

    /** Validates {@code json} against the schema at {@code pointer} (a JSON pointer into the document). */
    void validate(String what, String pointer, String json) {
        Schema schema = registry.getSchema(SchemaLocation.of(BASE + "#" + pointer.replace("{", "%7B").replace("}", "%7D")));
        List<Error> errors = schema.validate(json, InputFormat.JSON);
        assertThat(errors).as(what + " does not match the document: " + abbreviate(json)).isEmpty();
    }

    private void checkResponse(String what, String pointer, JsonNode response, String contentType,
                               Map<String, List<String>> headers, String body) {
        while (response.has("$ref")) {
            pointer = response.get("$ref").asText().substring(1);
            response = at(pointer);
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            assertThat(body).as(what + " documents no body").isEmpty();
        } else {
            String media = Optional.ofNullable(contentType).map(t -> t.split(";")[0].trim().toLowerCase(Locale.ROOT)).orElse("");
            assertThat(content.has(media)).as(what + " came as '" + contentType + "', documented: " + content.properties()).isTrue();
            if (media.equals("application/json")) {
                validate(what, pointer + "/content/" + escape(media) + "/schema", body);
            }
        }
        response.path("headers").fields().forEachRemaining(h -> {
            if (h.getValue().path("required").asBoolean()) {
                assertThat(headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(h.getKey())))
                        .as(what + " lacks the header " + h.getKey() + ": " + headers.keySet()).isTrue();
            }
        });
    }

    private JsonNode at(String pointer) {
        JsonNode node = document.at(pointer);
        assertThat(node.isMissingNode()).as("dangling $ref #" + pointer).isFalse();
        return node;
    }

    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 600 ? String.valueOf(text) : text.substring(0, 600) + "...";
    }

}
