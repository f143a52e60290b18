package dev.chatwar.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Files against the deployed WAR: uploaded into a room, sent with a message, served to its members only, and
 * never able to run script in the chat's origin, whatever their name, type or content claims.
 */
class FilesIT extends DeployedWar {

    // a 1x1 PNG
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    private static final String HTML = "<html><body><script>document.title='pwned'</script></body></html>";
    private static final String SVG = "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private HttpResponse<String> upload(String user, String room, String name, String type, byte[] bytes) {
        return send(HttpRequest.newBuilder(ChatWar.BASE.resolve("api/rooms/" + room + "/files?name="
                        + URLEncoder.encode(name, StandardCharsets.UTF_8)))
                .header("Authorization", TestUsers.authorization(user)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> download(String user, String id) {
        HttpRequest.Builder request = HttpRequest.newBuilder(ChatWar.BASE.resolve("api/files/" + id)).GET();
        if (user != null) {
            request.header("Authorization", TestUsers.authorization(user));
        }
        return send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject json(HttpResponse<String> answer) {
        assertEquals(201, answer.statusCode(), answer.body());
        return ServerApi.parse(answer.body()).asJsonObject();
    }

    private static JsonObject send(ChatClient client, String room, String text, String attachment) {
        return client.request(Json.createObjectBuilder().add("type", "send").add("room", room).add("text", text)
                .add("attachment", attachment).build());
    }

    @Test
    void anImageSentToAPrivateRoomIsServedToItsMembersAndToNobodyElse() {
        String room = "files-" + suffix;
        ChatClient alice = ChatClient.connect(ChatWar.BASE, "uploader-" + suffix);
        ChatClient bob = ChatClient.connect(ChatWar.BASE, "member-" + suffix);
        alice.request(Json.createObjectBuilder().add("type", "join").add("room", room).add("private", true).build());
        assertEquals("invited", alice.request(Json.createObjectBuilder().add("type", "invite").add("room", room)
                .add("user", bob.user()).build()).getString("type"));
        assertEquals("joined", bob.join(room).getString("type"));

        JsonObject stored = json(upload(alice.user(), room, "dot.png", "image/png", PNG));
        assertEquals("image/png", stored.getString("type"));
        assertTrue(stored.getBoolean("image"));
        assertEquals(PNG.length, stored.getInt("size"));
        String id = stored.getString("id");
        assertEquals(404, download(bob.user(), id).statusCode(), "not sent yet: its uploader's alone");
        assertEquals(200, download(alice.user(), id).statusCode());

        assertEquals("ack", send(alice, room, "look", id).getString("type"));
        JsonObject message = bob.await(frame -> frame.getString("type").equals("message")
                && frame.getString("text", "").equals("look"));
        assertEquals(id, message.getJsonObject("attachment").getString("id"));
        assertEquals("dot.png", message.getJsonObject("attachment").getString("name"));
        assertEquals("not_found", send(alice, room, "again", id).getString("code"), "a file goes with one message");

        HttpResponse<byte[]> served = download(bob.user(), id);
        assertEquals(200, served.statusCode());
        assertArrayEquals(PNG, served.body());
        assertEquals("image/png", served.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(served.headers().firstValue("Content-Disposition").orElseThrow().startsWith("inline"));
        assertEquals("nosniff", served.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertTrue(served.headers().allValues("Content-Security-Policy").stream().anyMatch(p -> p.contains("sandbox")));

        assertEquals(404, download("stranger-" + suffix, id).statusCode(), "not even with its address");
        assertEquals(401, download(null, id).statusCode());
        assertEquals(404, download(bob.user(), "0".repeat(32)).statusCode());

        long messageId = message.getJsonNumber("id").longValue();
        assertEquals("ack", alice.retract(messageId).getString("type"));
        assertEquals(404, download(bob.user(), id).statusCode(), "a retraction deletes its file");
        alice.leaveAndClose();
        bob.leaveAndClose();
    }

    @Test
    void htmlSvgAndALyingNameAreServedAsDownloadsInASandboxNeverAsPages() {
        String room = "hostile-files-" + suffix;
        String user = "mallory-" + suffix;
        ChatClient mallory = ChatClient.connect(ChatWar.BASE, user);
        mallory.join(room);
        record Hostile(String name, String type, String content) {
        }
        for (Hostile hostile : List.of(new Hostile("page.html", "text/html", HTML),
                new Hostile("logo.svg", "image/svg+xml", SVG), new Hostile("photo.png", "image/png", HTML),
                new Hostile("../../etc/\u202egnp.exe", "image/png", HTML))) {
            JsonObject stored = json(upload(user, room, hostile.name(), hostile.type(),
                    hostile.content().getBytes(StandardCharsets.UTF_8)));
            assertEquals("application/octet-stream", stored.getString("type"), hostile.name());
            assertFalse(stored.getBoolean("image"), hostile.name());
            assertFalse(stored.getString("name").contains("/") || stored.getString("name").contains("\u202e"),
                    stored.getString("name"));
            HttpResponse<byte[]> served = download(user, stored.getString("id"));
            assertEquals("application/octet-stream", served.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(served.headers().firstValue("Content-Disposition").orElseThrow().startsWith("attachment"));
            assertEquals("nosniff", served.headers().firstValue("X-Content-Type-Options").orElseThrow());
            assertTrue(served.headers().allValues("Content-Security-Policy").stream()
                    .anyMatch(policy -> policy.contains("sandbox")), hostile.name());
        }
        mallory.leaveAndClose();
    }

    @Test
    void anUploadOverTheLimitOrTrickledSlowlyOrByNobodyIsRefusedAndNothingIsKept() throws Exception {
        String room = "big-files-" + suffix;
        String user = "hoarder-" + suffix;
        ChatClient.connect(ChatWar.BASE, user).leaveAndClose();
        // a body declared larger than 10 MB is refused before a byte of it is read
        assertEquals("HTTP/1.1 413", statusOf(room, user, "Content-Length: " + (10 * 1024 * 1024 + 1) + "\r\n\r\n"));
        // one that does not say its length is read up to the limit, and refused there
        assertEquals("HTTP/1.1 413", statusOf(room, user, "Transfer-Encoding: chunked\r\n\r\n"
                + (Integer.toHexString(10 * 1024 * 1024 + 1)) + "\r\n" + "x".repeat(10 * 1024 * 1024 + 1) + "\r\n"));

        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(ChatWar.BASE.resolve("api/rooms/" + room
                + "/files?name=x")).POST(HttpRequest.BodyPublishers.ofByteArray(PNG)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());

        // the head and the first bytes, then one byte every second: cut off at the deadline (5 s in the tests)
        URI base = ChatWar.BASE;
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("POST " + base.getPath() + "api/rooms/" + room + "/files?name=slow HTTP/1.1\r\n"
                    + "Host: " + base.getHost() + "\r\nAuthorization: " + TestUsers.authorization(user) + "\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: 100000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String status = null;
            for (int i = 0; i < 30 && status == null; i++) {
                try {
                    socket.getOutputStream().write('x');
                } catch (IOException cutOff) {
                    break;
                }
                if (in.available() > 0) {
                    status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
                } else {
                    Thread.sleep(1000);
                }
            }
            if (status == null) {
                status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            }
            assertEquals("HTTP/1.1 408", status);
        }
    }

    // the status line the server answers a raw upload with, its head ending with these lines (and body, if any)
    private static String statusOf(String room, String user, String rest) throws IOException {
        URI base = ChatWar.BASE;
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            try {
                socket.getOutputStream().write(("POST " + base.getPath() + "api/rooms/" + room + "/files?name=big HTTP/1.1\r\n"
                        + "Host: " + base.getHost() + "\r\nAuthorization: " + TestUsers.authorization(user) + "\r\n"
                        + "Content-Type: application/octet-stream\r\n" + rest).getBytes(StandardCharsets.US_ASCII));
            } catch (IOException cutOffWhileSending) {
                // the server may answer and close before the body is all out: the answer is still there to read
            }
            return new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void manyUploadsAtOnceAreEachStoredOrRefusedClearly() {
        String room = "busy-files-" + suffix;
        List<String> users = java.util.stream.IntStream.range(0, 10).mapToObj(i -> "busy" + i + "-" + suffix).toList();
        users.forEach(TestUsers::authorization);
        List<Integer> statuses = AllAtOnce.run(40, i -> upload(users.get(i % users.size()), room, "f" + i + ".png",
                "image/png", PNG).statusCode());
        assertTrue(statuses.stream().allMatch(status -> status == 201 || status == 429 || status == 503),
                statuses.toString());
        assertTrue(statuses.contains(201), statuses.toString());
    }
}
