package dev.chatwar.it;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every password registered and every token and ticket the server issued to this test JVM, so that
 * LogHygieneIT, run last, can check the server's log holds none of them.
 */
final class IssuedSecrets {

    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

    private IssuedSecrets() {
    }

    static void add(String secret) {
        if (secret != null && !secret.isEmpty()) {
            SECRETS.add(secret);
        }
    }

    /** Notes the token or ticket a response carries; returns the response. */
    static HttpResponse<String> seen(HttpResponse<String> response) {
        String body = response.body();
        if (response.statusCode() == 201 && body != null && (body.contains("\"token\"") || body.contains("\"ticket\""))) {
            JsonObject issued = ServerApi.parse(body).asJsonObject();
            for (String field : List.of("token", "ticket")) {
                if (issued.containsKey(field)) {
                    add(issued.getString(field));
                }
            }
        }
        return response;
    }

    static Set<String> all() {
        return Set.copyOf(SECRETS);
    }
}
