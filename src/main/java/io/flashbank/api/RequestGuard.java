package io.flashbank.api;

import io.flashbank.config.HttpConfig;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The first look at every connection and request, right after the HTTP decoder: it counts connections against the
 * cap (past it only {@code /health} and {@code /metrics} are served; past the headroom too, the connection is closed),
 * gives a new connection {@code headerTimeout} to send its headers (slowloris), and answers what the decoder could not
 * parse (400, 414, 431) or an HTTP/1.1 request without {@code Host} (400) with the API's JSON error, then closes.
 */
final class RequestGuard extends ChannelInboundHandlerAdapter {
    static final String NAME = "flashbank.requestGuard";
    private static final Set<String> ALWAYS_SERVED = Set.of(KnownPaths.HEALTH, KnownPaths.METRICS);

    private final HttpConfig limits;
    private final AtomicInteger open;
    private ScheduledFuture<?> headerDeadline;
    private boolean counted;
    private boolean firstRequestSeen;
    private boolean discarding;

    /** @param open the connections open now, shared by every connection's guard */
    RequestGuard(HttpConfig limits, AtomicInteger open) {
        this.limits = limits;
        this.open = open;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            admit(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        admit(ctx);
        super.channelActive(ctx);
    }

    private void admit(ChannelHandlerContext ctx) {
        if (counted) {
            return;
        }
        counted = true;
        if (open.incrementAndGet() > limits.maxConnections() + HttpConfig.HEALTH_HEADROOM) {
            ctx.close();
            return;
        }
        headerDeadline = ctx.executor().schedule(() -> {
            if (!firstRequestSeen) {
                ctx.close();
            }
        }, limits.headerTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (counted) {
            counted = false;
            open.decrementAndGet();
        }
        if (headerDeadline != null) {
            headerDeadline.cancel(false);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            firstRequestSeen = true;
            if (headerDeadline != null) {
                headerDeadline.cancel(false);
            }
            ApiError refusal = refusal(request);
            if (refusal != null) {
                discarding = true;
                ReferenceCountUtil.release(msg);
                reply(ctx, refusal);
                return;
            }
            discarding = false;
        } else if (discarding && msg instanceof HttpContent) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private ApiError refusal(HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            if (cause instanceof TooLongHttpLineException) {
                return new ApiError(414, "uri_too_long", "the request line is longer than the server accepts");
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return new ApiError(431, "headers_too_large", "the request headers are larger than the server accepts");
            }
            if (cause instanceof TooLongFrameException) {
                return new ApiError(413, "payload_too_large", String.valueOf(cause.getMessage()));
            }
            return new ApiError(400, "bad_request", "the request could not be parsed: " + cause.getMessage());
        }
        if (request.protocolVersion().equals(HttpVersion.HTTP_1_1) && !request.headers().contains(HttpHeaderNames.HOST)) {
            return new ApiError(400, "missing_host", "an HTTP/1.1 request needs a Host header");
        }
        if (open.get() > limits.maxConnections() && !ALWAYS_SERVED.contains(path(request.uri()))) {
            return new ApiError(503, "too_many_connections", "the server is at its connection limit (" + limits.maxConnections()
                    + "); only /health and /metrics are served now");
        }
        return null;
    }

    private static String path(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    private static void reply(ChannelHandlerContext ctx, ApiError e) {
        byte[] bytes = ApiServer.write(ErrorBody.of(e)).getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(e.status),
                Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
