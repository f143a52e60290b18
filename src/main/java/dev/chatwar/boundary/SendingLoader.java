package dev.chatwar.boundary;

import jakarta.websocket.Session;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * A context class loader that finds no resources, so that a {@link java.util.ServiceLoader} lookup through it
 * costs nothing. See {@link SessionSink} for why frames are handed to Tyrus with it.
 */
final class SendingLoader extends ClassLoader {

    private static final SendingLoader INSTANCE = new SendingLoader();

    private SendingLoader() {
        super("chat-sending", null);
    }

    /** The loader to send with on this session's container, or null to keep the thread's own. */
    static ClassLoader forSession(Session session) {
        return forSessionClass(session.getClass().getName());
    }

    static ClassLoader forSessionClass(String name) {
        boolean wanted = !"false".equals(System.getProperty("chat.tyrus.quiet-loader"));
        return SessionSink.isTyrus(name) && wanted ? INSTANCE : null;
    }

    @Override
    public URL getResource(String name) {
        return null;
    }

    @Override
    public Enumeration<URL> getResources(String name) {
        return Collections.emptyEnumeration();
    }
}
