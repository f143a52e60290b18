package dev.chatwar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The server's log as an operator reads it: a line per connection opened and closed and per refused handshake,
 * and, after the whole suite (this class runs last: src/test/resources/junit-platform.properties), none of the
 * passwords, tokens or tickets the tests were given, nor a message's text.
 */
@Order(Integer.MAX_VALUE)
class LogHygieneIT extends DeployedWar {

    @Test
    void connectionsAreLoggedWithUserAddressAndCodeButNoCredentialOrMessageEverIs() {
        long from = ServerLog.size();
        String user = "logged-" + suffix;
        String secretText = "the text of a message-" + suffix;
        HttpResponse<String> issued = api.postJson("api/sessions/current/tickets", Json.createObjectBuilder().build(),
                "Authorization", TestUsers.authorization(user));
        String ticket = ServerApi.parse(issued.body()).asJsonObject().getString("ticket");
        try (RawSocket opened = RawSocket.handshake(ChatWar.BASE, "?ticket=" + ticket, 0)) {
            assertEquals(101, opened.status());
        }
        String forged = "forged-ticket-" + suffix;
        IssuedSecrets.add(forged);
        try (RawSocket refused = RawSocket.handshake(ChatWar.BASE, "?ticket=" + forged, 0)) {
            assertEquals(401, refused.status());
        }
        ChatClient client = ChatClient.connect(ChatWar.BASE, user);
        client.join("logged-" + suffix);
        client.say("logged-" + suffix, secretText);
        client.leaveAndClose();

        Pattern closed = Pattern.compile("connection closed id=c[0-9]+ user=" + user
                + " address=[0-9a-f.:]+ code=1000 by=client reason=\"bye\"");
        ChatClient.waiting().until(() -> closed.matcher(ServerLog.text(from)).find());
        String written = ServerLog.text(from);
        assertTrue(Pattern.compile("connection opened id=c[0-9]+ user=" + user + " address=[0-9a-f.:]+")
                .matcher(written).find(), written);
        assertTrue(Pattern.compile("handshake refused address=[0-9a-f.:]+ status=401 code=invalid_token")
                .matcher(written).find(), written);
        assertFalse(written.contains(secretText), "a message's text is not logged");

        String wholeRun = ServerLog.text(0);
        Set<String> secrets = IssuedSecrets.all();
        assertTrue(secrets.size() > 3, "the suite's secrets were collected: " + secrets.size());
        List<String> found = secrets.stream().filter(wholeRun::contains).toList();
        assertEquals(List.of(), found.stream().map(secret -> secret.substring(0, Math.min(6, secret.length())) + "…")
                .toList(), "secrets in " + ServerLog.path());
    }
}
