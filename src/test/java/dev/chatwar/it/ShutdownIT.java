package dev.chatwar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.websocket.CloseReason;
import java.util.List;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ShutdownIT {

    private static final String DEPLOYMENT = "undeployed-under-load";

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static WebArchive war() {
        return ChatWar.built();
    }

    @Test
    void undeployingClosesEveryClientWithGoingAway() {
        deployer.deploy(DEPLOYMENT);
        String suffix = Long.toString(System.nanoTime(), 36);
        List<ChatClient> clients = IntStream.range(0, 5)
                .mapToObj(i -> ChatClient.connect(ChatWar.BASE, "leaving" + i + "-" + suffix)).toList();

        deployer.undeploy(DEPLOYMENT);

        for (ChatClient client : clients) {
            assertEquals(CloseReason.CloseCodes.GOING_AWAY, client.awaitClose().getCloseCode(), client.user());
        }
    }
}
