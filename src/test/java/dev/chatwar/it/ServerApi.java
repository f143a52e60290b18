package dev.chatwar.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.hamcrest.Matchers;

/** The chat's HTTP API as the tests use it: publish, history, presence and the server's own counters. */
final class ServerApi {

    // HTTP/1.1, as browsers speak it in clear: offering h2c, the JDK client sends a request that got 401 a second time
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;
    private final String readerToken;

    /** The API of a server that knows the tests' users: GETs are made as the observer. */
    ServerApi(URI base) {
        this(base, null);
    }

    /** The API of another server: GETs are made with this bearer token. */
    ServerApi(URI base, String readerToken) {
        this.base = base;
        this.readerToken = readerToken;
    }

    /** Publishes as the user, or without credentials when the user is null. */
    HttpResponse<String> post(String room, String user, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("api/rooms/" + room + "/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", TestUsers.authorization(user));
        }
        return send(request.build());
    }

    HttpResponse<String> register(String user, String password) {
        HttpResponse<String> answer = postJson("api/users",
                Json.createObjectBuilder().add("user", user).add("password", password).build());
        if (answer.statusCode() == 201) {
            IssuedSecrets.add(password);
        }
        return answer;
    }

    /** Signs in; {@code ttlSeconds} null asks for the longest session the server gives. */
    HttpResponse<String> login(String user, String password, Long ttlSeconds) {
        JsonObjectBuilder form = Json.createObjectBuilder().add("user", user).add("password", password);
        if (ttlSeconds != null) {
            form.add("ttlSeconds", ttlSeconds);
        }
        return postJson("api/sessions", form.build());
    }

    HttpResponse<String> postJson(String path, JsonObject body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        return send(headers.length == 0 ? request.build() : request.headers(headers).build());
    }

    /** A request with the given method and a JSON body. */
    HttpResponse<String> sendJson(String method, String path, JsonObject body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        return send(headers.length == 0 ? request.build() : request.headers(headers).build());
    }

    /** A request with the given method and the body as it is, JSON or not. */
    HttpResponse<String> sendRaw(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        return send(headers.length == 0 ? request.build() : request.headers(headers).build());
    }

    /** Sends bytes as the body, as a file upload does (with no Content-Type of JSON). */
    HttpResponse<String> sendBytes(String method, String path, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/octet-stream")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        return send(headers.length == 0 ? request.build() : request.headers(headers).build());
    }

    /** A POST of the body as it is, JSON or not. */
    HttpResponse<String> postBody(String path, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A request with the given method and header name/value pairs, and no body. */
    HttpResponse<String> call(String method, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        return send(headers.length == 0 ? request.build() : request.headers(headers).build());
    }

    /** A GET as the tests' observer, or with the reader's token. */
    HttpResponse<String> get(String path) {
        return readerToken == null ? getAs(TestUsers.OBSERVER, path)
                : call("GET", path, "Authorization", "Bearer " + readerToken);
    }

    HttpResponse<String> getAs(String user, String path) {
        return call("GET", path, "Authorization", TestUsers.authorization(user));
    }

    JsonArray history(String room, int limit) {
        return (JsonArray) json(get("api/rooms/" + room + "/messages?limit=" + limit));
    }

    /** A page of history as the query string names it, e.g. {@code before=5&limit=3}. */
    List<JsonObject> history(String room, String query) {
        return ((JsonArray) json(get("api/rooms/" + room + "/messages?" + query))).getValuesAs(JsonObject.class);
    }

    /** The texts of the messages the reader finds; {@code query}: the query string after {@code q=…&}. */
    List<String> searchTexts(String q, String query) {
        return search(q, query).stream().map(hit -> hit.getString("text")).toList();
    }

    /** The results the reader gets for {@code q}, and the other parameters in {@code query} (may be empty). */
    List<JsonObject> search(String q, String query) {
        return json(get("api/search?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8)
                + (query.isEmpty() ? "" : "&" + query))).asJsonObject().getJsonArray("results")
                .getValuesAs(JsonObject.class);
    }

    /** Every event of the room, paged through oldest first. */
    List<JsonObject> allHistory(String room) {
        List<JsonObject> all = new java.util.ArrayList<>();
        for (List<JsonObject> page = history(room, "after=0&limit=200"); !page.isEmpty();
             page = history(room, "after=" + page.get(page.size() - 1).getInt("seq") + "&limit=200")) {
            all.addAll(page);
        }
        return all;
    }

    List<String> present(String room) {
        return ((JsonObject) json(get("api/rooms/" + room + "/presence"))).getJsonArray("present")
                .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    JsonObject stats() {
        return (JsonObject) json(get("api/stats"));
    }

    /** How many connections the server has seen end with this close code. */
    long closedWith(int code) {
        JsonNumber count = stats().getJsonObject("closeCodes").getJsonNumber(String.valueOf(code));
        return count == null ? 0 : count.longValue();
    }

    /** How many closes with this code the server decided ({@code closedByServer}) or did not ({@code closedByClient}). */
    long closedBy(String side, int code) {
        JsonNumber count = stats().getJsonObject(side).getJsonNumber(String.valueOf(code));
        return count == null ? 0 : count.longValue();
    }

    void awaitConnections(int count) {
        // the matcher form, so that a timeout reports the last count seen
        ChatClient.waiting().until(() -> stats().getInt("connections"), Matchers.equalTo(count));
    }

    static JsonStructure json(HttpResponse<String> response) {
        if (response.statusCode() >= 300) {
            throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    /** The {@code code} of an HTTP error answer. */
    static String errorCode(HttpResponse<String> response) {
        return parse(response.body()).asJsonObject().getString("code");
    }

    static JsonStructure parse(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.read();
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return IssuedSecrets.seen(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
