package dev.chatwar.boundary;

import dev.chatwar.ops.Health;
import dev.chatwar.ops.HealthCheck;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * Probes for an orchestrator, in MicroProfile Health's JSON on both servers: 200 and UP when every check is
 * up, 503 and DOWN otherwise. Open to anyone: they tell a status and cost at most one database check a second.
 */
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    @Inject
    Health health;

    @GET
    public Response all() {
        List<HealthCheck> checks = new ArrayList<>(health.live());
        checks.addAll(health.ready());
        return report(checks);
    }

    @GET
    @Path("live")
    public Response live() {
        return report(health.live());
    }

    @GET
    @Path("ready")
    public Response ready() {
        return report(health.ready());
    }

    private static Response report(List<HealthCheck> checks) {
        boolean up = checks.stream().allMatch(HealthCheck::up);
        JsonArrayBuilder list = JsonBuilders.array();
        for (HealthCheck check : checks) {
            JsonObjectBuilder data = JsonBuilders.object();
            check.data().forEach(data::add);
            list.add(JsonBuilders.object().add("name", check.name()).add("status", status(check.up()))
                    .add("data", data));
        }
        String body = JsonBuilders.object().add("status", status(up)).add("checks", list).build().toString();
        return Response.status(up ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
                .entity(body).header("Cache-Control", "no-store").build();
    }

    private static String status(boolean up) {
        return up ? "UP" : "DOWN";
    }
}
