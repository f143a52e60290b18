package dev.chatwar.boundary;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.ops.AddressAllowList;
import dev.chatwar.ops.Metrics;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;

/**
 * The node's metrics for Prometheus. Only the addresses of {@code chat.metrics.allow} (loopback by default) may
 * read them; to anyone else the route does not exist (404), so it costs an outsider one address check.
 */
@Path("metrics")
@ApplicationScoped
public class MetricsResource {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    @Inject
    Metrics metrics;

    private AddressAllowList allowed;

    @PostConstruct
    void start() {
        allowed = AddressAllowList.fromSystemProperties();
    }

    @GET
    @Produces("text/plain")
    public Response scrape(@Context HttpServletRequest request) {
        if (!allowed.allows(request.getRemoteAddr())) {
            throw new ChatException(ErrorCode.NOT_FOUND, "no such resource");
        }
        // with its length given, the answer is not chunked: Payara, asked by a client that offers h2c (Java's
        // HttpClient does), drops the Content-Type of a chunked answer
        byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
        return Response.ok(body, CONTENT_TYPE).header("Content-Length", body.length)
                .header("Cache-Control", "no-store").build();
    }
}
