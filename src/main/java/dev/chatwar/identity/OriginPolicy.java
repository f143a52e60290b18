package dev.chatwar.identity;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web pages may open a chat connection, judged by the handshake's {@code Origin} header. Browsers
 * always send it; other clients may not, and are let through (the header protects browser users from
 * foreign pages, it authenticates nobody). By default only the page's own origin is allowed.
 */
public final class OriginPolicy {

    /** System property: a comma-separated list of allowed origins such as {@code https://chat.example.com}, or {@code *}. */
    public static final String ALLOWED_ORIGINS = "chat.allowed-origins";

    private final Set<String> allowed;
    private final boolean any;

    private OriginPolicy(Set<String> allowed, boolean any) {
        this.allowed = allowed;
        this.any = any;
    }

    /** The policy the {@value #ALLOWED_ORIGINS} system property describes. */
    public static OriginPolicy fromSystemProperty() {
        return of(System.getProperty(ALLOWED_ORIGINS));
    }

    /** The policy a property value describes; blank means same origin only. */
    public static OriginPolicy of(String allowedOrigins) {
        if (allowedOrigins == null || allowedOrigins.isBlank()) {
            return new OriginPolicy(Set.of(), false);
        }
        Set<String> origins = Arrays.stream(allowedOrigins.split(","))
                .map(String::strip)
                .filter(origin -> !origin.isEmpty())
                .map(origin -> origin.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        return new OriginPolicy(origins, origins.contains("*"));
    }

    /**
     * @param origin the handshake's Origin header, or null
     * @param host   the handshake's Host header: the origin the page itself was served from
     */
    public boolean allows(String origin, String host) {
        if (origin == null || any) {
            return true;
        }
        String normalized = origin.strip().toLowerCase(Locale.ROOT);
        return allowed.contains(normalized) || sameOrigin(normalized, host);
    }

    private static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null) {
                return false;
            }
            int defaultPort = "https".equals(uri.getScheme()) ? 443 : 80;
            String authority = uri.getPort() == -1 || uri.getPort() == defaultPort
                    ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            String requested = host.strip().toLowerCase(Locale.ROOT);
            return authority.equals(requested) || (authority + ":" + defaultPort).equals(requested);
        } catch (IllegalArgumentException notAnOrigin) {
            return false;
        }
    }
}
