package dev.chatwar.it;

import java.io.File;
import java.net.URI;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR exactly as `mvn package` built it: the integration tests deploy the real artifact. */
final class ChatWar {

    /** Where the test server serves the WAR; Arquillian's port offset of 100 applies. */
    static final URI BASE = URI.create("http://127.0.0.1:8180/chat/");

    /** The server under test, as the build names it: wildfly or payara. */
    static final String SERVER = System.getProperty("chat.it.server", "wildfly");

    private ChatWar() {
    }

    static WebArchive built() {
        File war = new File(System.getProperty("chat.war", "target/chat.war"));
        if (!war.isFile()) {
            throw new IllegalStateException(war + " is missing: run the tests with `mvn verify`");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }
}
