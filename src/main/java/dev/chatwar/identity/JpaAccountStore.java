package dev.chatwar.identity;

import dev.chatwar.base.UserName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
@Transactional
public class JpaAccountStore implements AccountStore {

    @PersistenceContext
    EntityManager em;

    @Override
    public boolean createAccount(UserName user, String passwordHash, Instant createdAt) {
        // a concurrent registration of the same name fails at commit on the unique name key instead
        if (byKey(user).isPresent()) {
            return false;
        }
        em.persist(new StoredAccount(user, passwordHash, createdAt));
        return true;
    }

    @Override
    public Optional<Registered> account(UserName user) {
        StoredAccount exact = em.find(StoredAccount.class, user.value());
        return exact != null ? Optional.of(exact.registered()) : byKey(user).map(StoredAccount::registered);
    }

    private Optional<StoredAccount> byKey(UserName user) {
        return em.createNamedQuery(StoredAccount.BY_KEY, StoredAccount.class).setParameter("key", user.key())
                .getResultStream().findFirst();
    }

    @Override
    public List<String> changePassword(UserName user, String passwordHash, String keepSessionId) {
        StoredAccount account = em.find(StoredAccount.class, user.value(), LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            return List.of();
        }
        account.replaceHash(passwordHash);
        return endSessions(user, keepSessionId);
    }

    @Override
    public List<String> closeAccount(UserName user, String closedMarker) {
        return changePassword(user, closedMarker, null);
    }

    private List<String> endSessions(UserName user, String keepSessionId) {
        String keep = keepSessionId == null ? "" : keepSessionId; // no session has an empty id
        List<String> ended = em.createNamedQuery(StoredSession.IDS_OF_USER, String.class)
                .setParameter("user", user.value()).getResultStream().filter(id -> !id.equals(keep)).toList();
        em.createNamedQuery(StoredTicket.DELETE_OF_USER_BUT).setParameter("user", user.value())
                .setParameter("keep", keep).executeUpdate();
        em.createNamedQuery(StoredSession.DELETE_OF_USER_BUT).setParameter("user", user.value())
                .setParameter("keep", keep).executeUpdate();
        return ended;
    }

    @Override
    public void saveSession(AuthSession session, Instant createdAt) {
        em.persist(new StoredSession(session, createdAt));
    }

    @Override
    public Optional<AuthSession> session(String id) {
        return Optional.ofNullable(em.find(StoredSession.class, id)).map(StoredSession::toSession);
    }

    @Override
    public void deleteSession(String id) {
        StoredSession session = em.find(StoredSession.class, id);
        if (session != null) {
            em.remove(session);
        }
    }

    @Override
    public int deleteExpiredSessions(Instant now) {
        return em.createNamedQuery(StoredSession.DELETE_EXPIRED).setParameter("now", now).executeUpdate();
    }

    @Override
    public void saveTicket(String id, String sessionId, Instant expiresAt) {
        em.persist(new StoredTicket(id, sessionId, expiresAt));
    }

    @Override
    public Optional<String> takeTicket(String id, Instant now) {
        StoredTicket ticket = em.find(StoredTicket.class, id);
        if (ticket == null) {
            return Optional.empty();
        }
        // the delete decides: only the one transaction that removed the row may use the ticket
        boolean taken = em.createNamedQuery(StoredTicket.TAKE).setParameter("id", id).executeUpdate() == 1;
        return taken && !ticket.expired(now) ? Optional.of(ticket.sessionId()) : Optional.empty();
    }

    @Override
    public long ticketCount(UserName user, Instant now) {
        return em.createNamedQuery(StoredTicket.COUNT_OF_USER, Long.class).setParameter("user", user.value())
                .setParameter("now", now).getSingleResult();
    }

    @Override
    public long ticketCount() {
        return em.createNamedQuery(StoredTicket.COUNT, Long.class).getSingleResult();
    }

    @Override
    public int deleteExpiredTickets(Instant now) {
        return em.createNamedQuery(StoredTicket.DELETE_EXPIRED).setParameter("now", now).executeUpdate();
    }

    @Override
    public List<String> banFromServer(ServerBan ban) {
        StoredServerBan row = em.find(StoredServerBan.class, ban.user().value(), LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            row = new StoredServerBan(ban.user().value());
            row.set(ban);
            em.persist(row);
        } else {
            row.set(ban);
        }
        return endSessions(ban.user(), null);
    }

    @Override
    public boolean liftServerBan(UserName user) {
        StoredServerBan row = em.find(StoredServerBan.class, user.value());
        if (row != null) {
            em.remove(row);
        }
        return row != null;
    }

    @Override
    public Optional<ServerBan> serverBan(UserName user) {
        return Optional.ofNullable(em.find(StoredServerBan.class, user.value())).map(StoredServerBan::toBan);
    }

    @Override
    public List<ServerBan> serverBans(int max) {
        return em.createNamedQuery(StoredServerBan.NEWEST, StoredServerBan.class).setMaxResults(max)
                .getResultStream().map(StoredServerBan::toBan).toList();
    }

    @Override
    public boolean setDisplayName(UserName user, String displayName) {
        StoredAccount account = em.find(StoredAccount.class, user.value());
        if (account != null) {
            account.showAs(displayName);
        }
        return account != null;
    }

    @Override
    public List<Profile> profiles(Collection<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return em.createNamedQuery(StoredAccount.BY_KEYS, StoredAccount.class).setParameter("keys", keys)
                .getResultStream().map(StoredAccount::profile).toList();
    }
}
