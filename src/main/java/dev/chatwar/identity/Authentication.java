package dev.chatwar.identity;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.ServerModerators;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Who is behind an HTTP request or a handshake, judged by the credential it presents. */
@ApplicationScoped
public class Authentication {

    /** The cookie that carries a browser's session token. */
    public static final String COOKIE = "chat_token";
    /** The handshake's query parameter that carries a one-time ticket. */
    public static final String TICKET_PARAMETER = "ticket";
    /** System property: the longest a session lasts, in seconds. */
    public static final String SESSION_LIFETIME = "chat.session.lifetime";
    public static final long DEFAULT_SESSION_LIFETIME = Duration.ofHours(8).toSeconds();

    private static final Logger LOG = Logger.getLogger(Authentication.class.getName());
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    AccountStore store;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private Accounts accounts;
    private OriginPolicy origins;
    private ScheduledFuture<?> cleanup;

    @PostConstruct
    void start() {
        accounts = new Accounts(store,
                new PasswordHash(Integer.getInteger(PasswordHash.ITERATIONS, PasswordHash.DEFAULT_ITERATIONS)),
                Clock.systemUTC(), Duration.ofSeconds(Long.getLong(SESSION_LIFETIME, DEFAULT_SESSION_LIFETIME)),
                Integer.getInteger(Accounts.REGISTRATIONS_PER_ADDRESS, Accounts.DEFAULT_REGISTRATIONS_PER_ADDRESS),
                ServerModerators.fromSystemProperty());
        origins = OriginPolicy.fromSystemProperty();
        cleanup = scheduler.scheduleWithFixedDelay(this::forgetExpired, 10, 10, TimeUnit.MINUTES);
    }

    @PreDestroy
    void stop() {
        cleanup.cancel(false);
    }

    public Accounts accounts() {
        return accounts;
    }

    public OriginPolicy origins() {
        return origins;
    }

    /** The session of an HTTP API request; a cookie counts only for a request from an allowed origin. */
    public AuthSession require(HttpServletRequest request) {
        Credential credential = Credential.presented(request.getHeader("Authorization"), null, cookie(request))
                .orElseThrow(Authentication::unauthenticated);
        if (credential.source() == Credential.Source.COOKIE && !SAFE_METHODS.contains(request.getMethod())
                && !origins.allows(request.getHeader("Origin"), request.getHeader("Host"))) {
            // a browser attaches the cookie to a foreign page's request as well
            throw new ChatException(ErrorCode.FORBIDDEN_ORIGIN, "pages from this origin may not act for you");
        }
        return accounts.authenticate(credential.value()).orElseThrow(Authentication::invalid);
    }

    /** The session of a WebSocket handshake, whose origin the caller has checked already. */
    public AuthSession requireForHandshake(HttpServletRequest request) {
        Credential credential = Credential.presented(request.getHeader("Authorization"),
                request.getParameter(TICKET_PARAMETER), cookie(request)).orElseThrow(Authentication::unauthenticated);
        Optional<AuthSession> session = credential.source() == Credential.Source.TICKET
                ? accounts.redeem(credential.value()) : accounts.authenticate(credential.value());
        return session.orElseThrow(Authentication::invalid);
    }

    /** The value of the session cookie a request carries, or null. */
    private static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    private void forgetExpired() {
        try {
            accounts.forgetExpired();
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "could not remove expired sessions", failure);
        }
    }

    private static ChatException unauthenticated() {
        return new ChatException(ErrorCode.UNAUTHENTICATED,
                "sign in first: a bearer token, a ticket or the session cookie is required");
    }

    private static ChatException invalid() {
        return new ChatException(ErrorCode.INVALID_TOKEN, "the credential is unknown, used up, revoked or expired");
    }
}
