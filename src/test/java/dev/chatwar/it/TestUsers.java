package dev.chatwar.it;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The integration tests' users: each is registered and signed in once per run, on first use. */
final class TestUsers {

    /** Who reads history and presence over HTTP when a test does not say. */
    static final String OBSERVER = "observer";

    private static final ServerApi API = new ServerApi(ChatWar.BASE);
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private TestUsers() {
    }

    static String password(String user) {
        return "secret-of-" + user;
    }

    /** A bearer token of the user, registering and signing it in when first asked. */
    static String token(String user) {
        return TOKENS.computeIfAbsent(user, TestUsers::signIn);
    }

    static String authorization(String user) {
        return "Bearer " + token(user);
    }

    private static String signIn(String user) {
        HttpResponse<String> registered = API.register(user, password(user));
        if (registered.statusCode() != 201 && registered.statusCode() != 409) {
            throw new AssertionError("could not register " + user + ": " + registered.body());
        }
        return ServerApi.parse(API.login(user, password(user), null).body()).asJsonObject().getString("token");
    }
}
