package dev.chatwar.boundary;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

/**
 * The resources' JSON builders, from a provider looked up once: {@code JsonBuilders.object()} looks the
 * provider up again on every call, through the server's class loaders, and that took two fifths of a search's time.
 */
final class JsonBuilders {

    private static final JsonProvider JSON = JsonProvider.provider();

    private JsonBuilders() {
    }

    static JsonObjectBuilder object() {
        return JSON.createObjectBuilder();
    }

    static JsonArrayBuilder array() {
        return JSON.createArrayBuilder();
    }
}
