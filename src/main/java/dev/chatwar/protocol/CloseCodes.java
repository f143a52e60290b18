package dev.chatwar.protocol;

/** Close codes the server uses besides the container's own; documented in docs/protocol.md. */
public final class CloseCodes {

    /** RFC 6455: the endpoint is going away (server shutdown or undeploy). */
    public static final int GOING_AWAY = 1001;
    /** RFC 6455: binary frames are not part of this protocol. */
    public static final int CANNOT_ACCEPT = 1003;
    /** RFC 6455: the client broke a rule again after being told (message rate), or had no identity. */
    public static final int POLICY_VIOLATION = 1008;
    /** RFC 6455: a frame larger than the size limit. */
    public static final int TOO_BIG = 1009;
    /** Private use: the connection's session was signed out or expired; sign in again. */
    public static final int SESSION_ENDED = 4401;
    /** Private use: the client did not read fast enough and its send queue overflowed. */
    public static final int SLOW_CONSUMER = 4008;

    private CloseCodes() {
    }
}
