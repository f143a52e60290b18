package dev.chatwar.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests from outside against the built WAR, deployed to the test server for each test class. */
@ExtendWith(ArquillianExtension.class)
abstract class DeployedWar {

    final ServerApi api = new ServerApi(ChatWar.BASE);
    /** Keeps each test's users and rooms apart from the others' on the shared server. */
    final String suffix = Long.toString(System.nanoTime(), 36);

    @Deployment(testable = false)
    static WebArchive war() {
        return ChatWar.built();
    }
}
