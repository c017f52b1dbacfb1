package io.flashbank.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The dashboard's static files, read once from the jar: a fixed allow-list (no path from a request ever reaches the
 * class loader), each with its content type. The charting library is copied into the jar at build time.
 */
final class DashboardAssets {
    /** File name under {@code /dashboard/} → content type. */
    private static final Map<String, String> ALLOWED = Map.of(
            "dashboard.js", "text/javascript; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8",
            "uPlot.iife.min.js", "text/javascript; charset=utf-8",
            "uPlot.min.css", "text/css; charset=utf-8");

    private final Map<String, byte[]> files = new LinkedHashMap<>();

    DashboardAssets() {
        ALLOWED.keySet().forEach(name -> {
            byte[] bytes = read("/dashboard/" + name);
            if (bytes != null) {
                files.put(name, bytes);
            }
        });
    }

    /** Serves {@code /dashboard/{file}}: 200 with its type, or 404 for a name outside the list or missing from this build. */
    Publisher<Void> serve(HttpServerRequest req, HttpServerResponse res) {
        String name = req.param("file");
        String type = name == null ? null : ALLOWED.get(name);
        if (type == null) {
            return ApiServer.error(res, new ApiError(404, "not_found", "no dashboard asset " + name));
        }
        byte[] bytes = files.get(name);
        if (bytes == null) {
            return ApiServer.error(res, new ApiError(404, "asset_missing",
                    "dashboard asset " + name + " is not in this build (mvn generate-resources copies it from web/)"));
        }
        return res.header("content-type", type).header("cache-control", "no-cache").sendByteArray(Mono.just(bytes));
    }

    private static byte[] read(String path) {
        try (InputStream in = DashboardAssets.class.getResourceAsStream(path)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
