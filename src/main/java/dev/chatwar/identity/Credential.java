package dev.chatwar.identity;

import java.util.Locale;
import java.util.Optional;

/** The one credential a request presents, by precedence: a bearer header, a one-time ticket, the session cookie. */
public record Credential(Source source, String value) {

    public enum Source { BEARER, TICKET, COOKIE }

    private static final String BEARER_PREFIX = "bearer ";

    /**
     * @param authorization the Authorization header, or null
     * @param ticket        the handshake's {@code ticket} query parameter, or null
     * @param cookie        the value of the session cookie, or null
     */
    public static Optional<Credential> presented(String authorization, String ticket, String cookie) {
        if (authorization != null) {
            boolean bearer = authorization.length() > BEARER_PREFIX.length() && authorization
                    .substring(0, BEARER_PREFIX.length()).toLowerCase(Locale.ROOT).equals(BEARER_PREFIX);
            // any other scheme is presented but not understood: it fails as an invalid token, not as none
            return Optional.of(new Credential(Source.BEARER,
                    bearer ? authorization.substring(BEARER_PREFIX.length()).strip() : ""));
        }
        if (ticket != null) {
            return Optional.of(new Credential(Source.TICKET, ticket));
        }
        if (cookie != null) {
            return Optional.of(new Credential(Source.COOKIE, cookie));
        }
        return Optional.empty();
    }
}
