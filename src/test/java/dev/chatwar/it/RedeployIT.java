package dev.chatwar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Deploys and undeploys the WAR itself, as an operator redeploying a running server would. */
@ExtendWith(ArquillianExtension.class)
class RedeployIT {

    private static final String DEPLOYMENT = "redeployed";

    private final String suffix = Long.toString(System.nanoTime(), 36);

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static WebArchive war() {
        return ChatWar.built();
    }

    @Test
    void undeployingClosesEveryClientWithGoingAway() {
        deployer.deploy(DEPLOYMENT);
        List<ChatClient> clients = IntStream.range(0, 5)
                .mapToObj(i -> ChatClient.connect(ChatWar.BASE, "leaving" + i + "-" + suffix)).toList();

        deployer.undeploy(DEPLOYMENT);

        for (ChatClient client : clients) {
            assertEquals(CloseReason.CloseCodes.GOING_AWAY, client.awaitClose().getCloseCode(), client.user());
        }
    }

    @Test
    void everyAckedMessageOutlivesARedeployAndTheClientResumesWhereItStopped() {
        String room = "durable-" + suffix;
        deployer.deploy(DEPLOYMENT);
        ChatClient writer = ChatClient.connect(ChatWar.BASE, "writer-" + suffix);
        writer.join(room);
        assertEquals("ack", writer.sayMany(room, "kept", 20).getString("type"));
        long lastSeen = writer.awaitInRoom(room, "message", 20).get(9).getJsonNumber("seq").longValue();

        deployer.undeploy(DEPLOYMENT);
        writer.awaitClose();
        deployer.deploy(DEPLOYMENT);
        try {
            ChatClient back = ChatClient.connect(ChatWar.BASE, "writer-" + suffix);
            JsonObject joined = back.join(room, lastSeen);
            assertEquals(20, joined.getInt("lastSeq"));
            assertEquals(10, joined.getInt("replayed"));
            assertEquals(21, back.say(room, "after the redeploy").getInt("seq"), "the room's sequence goes on");

            List<JsonObject> received = back.awaitInRoom(room, "message", 11);
            assertEquals(LongStream.rangeClosed(11, 21).boxed().toList(),
                    received.stream().map(m -> m.getJsonNumber("seq").longValue()).toList());
            assertTrue(received.subList(0, 10).stream().allMatch(m -> m.getString("text").equals("kept")));
            back.leaveAndClose();
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
    }
}
