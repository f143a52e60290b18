package dev.chatwar.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.sql.Driver;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class SendingLoaderTest {

    @Test
    void aServiceLookupThroughTheSendingLoaderScansNothing() throws Exception {
        // H2's driver is a service on the test class path: found through the usual loader, not through this one
        assertTrue(ServiceLoader.load(Driver.class, getClass().getClassLoader()).iterator().hasNext());

        ClassLoader sending = SendingLoader.forSessionClass("org.glassfish.tyrus.core.TyrusSession");

        assertFalse(ServiceLoader.load(Driver.class, sending).iterator().hasNext());
        assertFalse(sending.getResources("META-INF/services/java.sql.Driver").hasMoreElements());
    }

    @Test
    void sessionsOfOtherContainersKeepTheThreadsOwnLoader() {
        Session other = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> null);

        assertNull(SendingLoader.forSession(other));
    }
}
