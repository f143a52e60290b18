package dev.chatwar.support;

import dev.chatwar.base.UserName;
import dev.chatwar.identity.AccountStore;
import dev.chatwar.identity.AuthSession;
import dev.chatwar.identity.ServerBan;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Accounts and sessions in memory for unit tests. */
public final class InMemoryAccountStore implements AccountStore {

    private int sessionLookups;
    private int accountLookups;

    private final Map<UserName, String> hashes = new ConcurrentHashMap<>();
    private final Map<String, AuthSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();

    private record Ticket(String sessionId, Instant expiresAt) {
    }

    @Override
    public synchronized boolean createAccount(UserName user, String passwordHash, Instant createdAt) {
        if (account(user).isPresent()) {
            return false;
        }
        hashes.put(user, passwordHash);
        return true;
    }

    @Override
    public synchronized Optional<Registered> account(UserName user) {
        accountLookups++;
        String exact = hashes.get(user);
        if (exact != null) {
            return Optional.of(new Registered(user, exact));
        }
        return hashes.entrySet().stream().filter(entry -> entry.getKey().key().equals(user.key())).findFirst()
                .map(entry -> new Registered(entry.getKey(), entry.getValue()));
    }

    @Override
    public synchronized List<String> changePassword(UserName user, String passwordHash, String keepSessionId) {
        if (!hashes.containsKey(user)) {
            return List.of();
        }
        hashes.put(user, passwordHash);
        List<String> ended = sessions.values().stream().filter(session -> session.user().equals(user))
                .map(AuthSession::id).filter(id -> !id.equals(keepSessionId)).toList();
        ended.forEach(this::deleteSession);
        return ended;
    }

    @Override
    public List<String> closeAccount(UserName user, String closedMarker) {
        return changePassword(user, closedMarker, null);
    }

    @Override
    public void saveSession(AuthSession session, Instant createdAt) {
        sessions.put(session.id(), session);
    }

    @Override
    public Optional<AuthSession> session(String id) {
        sessionLookups++;
        return Optional.ofNullable(sessions.get(id));
    }

    /** How often an account was looked up. */
    public synchronized int accountLookups() {
        return accountLookups;
    }

    /** How often a session was looked up. */
    public int sessionLookups() {
        return sessionLookups;
    }

    @Override
    public void deleteSession(String id) {
        sessions.remove(id);
        tickets.values().removeIf(ticket -> ticket.sessionId().equals(id));
    }

    @Override
    public void saveTicket(String id, String sessionId, Instant expiresAt) {
        tickets.put(id, new Ticket(sessionId, expiresAt));
    }

    @Override
    public Optional<String> takeTicket(String id, Instant now) {
        return Optional.ofNullable(tickets.remove(id)).filter(ticket -> now.isBefore(ticket.expiresAt()))
                .map(Ticket::sessionId);
    }

    @Override
    public long ticketCount(UserName user, Instant now) {
        return tickets.values().stream().filter(ticket -> now.isBefore(ticket.expiresAt()))
                .filter(ticket -> session(ticket.sessionId()).filter(s -> s.user().equals(user)).isPresent()).count();
    }

    @Override
    public long ticketCount() {
        return tickets.size();
    }

    @Override
    public int deleteExpiredTickets(Instant now) {
        int before = tickets.size();
        tickets.values().removeIf(ticket -> !now.isBefore(ticket.expiresAt()));
        return before - tickets.size();
    }

    @Override
    public int deleteExpiredSessions(Instant now) {
        int before = sessions.size();
        sessions.values().removeIf(session -> session.expired(now));
        return before - sessions.size();
    }

    public String storedHashOf(String user) {
        return hashes.get(new UserName(user));
    }

    public int sessionCount() {
        return sessions.size();
    }

    private final Map<UserName, ServerBan> serverBans = new java.util.LinkedHashMap<>();

    @Override
    public synchronized List<String> banFromServer(ServerBan ban) {
        serverBans.remove(ban.user());
        serverBans.put(ban.user(), ban);
        List<String> ended = sessions.values().stream().filter(session -> session.user().equals(ban.user()))
                .map(AuthSession::id).toList();
        ended.forEach(this::deleteSession);
        return ended;
    }

    @Override
    public synchronized boolean liftServerBan(UserName user) {
        return serverBans.remove(user) != null;
    }

    @Override
    public synchronized Optional<ServerBan> serverBan(UserName user) {
        return Optional.ofNullable(serverBans.get(user));
    }

    @Override
    public synchronized List<ServerBan> serverBans(int max) {
        List<ServerBan> newest = new java.util.ArrayList<>(serverBans.values());
        java.util.Collections.reverse(newest);
        return newest.stream().limit(max).toList();
    }

    private final Map<UserName, String> displayNames = new ConcurrentHashMap<>();

    @Override
    public boolean setDisplayName(UserName user, String displayName) {
        if (!hashes.containsKey(user)) {
            return false;
        }
        if (displayName == null) {
            displayNames.remove(user);
        } else {
            displayNames.put(user, displayName);
        }
        return true;
    }

    @Override
    public List<Profile> profiles(java.util.Collection<String> keys) {
        return hashes.keySet().stream().filter(user -> keys.contains(user.key()))
                .map(user -> new Profile(user, displayNames.get(user))).toList();
    }
}
