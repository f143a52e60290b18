package dev.chatwar.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sessions verified lately, so that a handshake with a known token needs no database round trip. Bounded: the
 * least recently used entry goes first past {@code capacity}, and an entry is trusted for {@code ttl} at most,
 * which bounds how long a session ended on another node stays usable here if that node's word is lost.
 * Only sessions the store confirmed are kept: a stranger's made-up tokens cost a lookup each, never memory.
 */
final class SessionCache {

    private record Entry(AuthSession session, Instant verifiedAt) {
    }

    private final int capacity;
    private final Duration ttl;
    private final Map<String, Entry> entries;

    SessionCache(int capacity, Duration ttl) {
        this.capacity = capacity;
        this.ttl = ttl;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > SessionCache.this.capacity;
            }
        };
    }

    /** The live session verified within the ttl, if the cache holds it. */
    synchronized Optional<AuthSession> get(String sessionId, Instant now) {
        Entry entry = entries.get(sessionId);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.session().expired(now) || !now.isBefore(entry.verifiedAt().plus(ttl))) {
            entries.remove(sessionId);
            return Optional.empty();
        }
        return Optional.of(entry.session());
    }

    synchronized void put(AuthSession session, Instant now) {
        entries.put(session.id(), new Entry(session, now));
    }

    /** The session ended (signed out, here or on another node): it is not trusted from now on. */
    synchronized void forget(String sessionId) {
        entries.remove(sessionId);
    }

    synchronized int size() {
        return entries.size();
    }
}
