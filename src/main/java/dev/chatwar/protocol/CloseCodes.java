package dev.chatwar.protocol;

/** Close codes the server uses besides the container's own; documented in docs/protocol.md. */
public final class CloseCodes {

    /** RFC 6455: the endpoint is going away (server shutdown or undeploy). */
    public static final int GOING_AWAY = 1001;
    /** RFC 6455: binary frames are not part of this protocol. */
    public static final int CANNOT_ACCEPT = 1003;
    /** RFC 6455: no acceptable identity on the connection. */
    public static final int POLICY_VIOLATION = 1008;
    /** RFC 6455: a frame larger than the size limit. */
    public static final int TOO_BIG = 1009;
    /** Private use: the client did not read fast enough and its send queue overflowed. */
    public static final int SLOW_CONSUMER = 4008;

    private CloseCodes() {
    }
}
