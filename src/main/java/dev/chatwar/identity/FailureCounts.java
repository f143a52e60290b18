package dev.chatwar.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed attempts per key (a name, an address, a device), forgotten {@code window} after the last one. An
 * attempt is counted when it is admitted, before any work is done for it, so that attempts arriving together
 * cannot all pass the check. Bounded: past {@code capacity} keys, the one least recently counted is dropped.
 */
final class FailureCounts {

    private record Failures(int count, Instant last) {
    }

    private final int max;
    private final Duration window;
    private final Map<String, Failures> entries;

    FailureCounts(int max, Duration window, int capacity) {
        this.max = max;
        this.window = window;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Whether another attempt under the key may be made now; if so it is counted as a failure already. */
    synchronized boolean admit(String key, Instant now) {
        Failures failures = live(key, now);
        if (failures != null && failures.count() >= max) {
            return false;
        }
        entries.put(key, new Failures(failures == null ? 1 : failures.count() + 1, now));
        return true;
    }

    /** Whether an attempt under the key would be refused now; counts nothing. */
    synchronized boolean locked(String key, Instant now) {
        Failures failures = live(key, now);
        return failures != null && failures.count() >= max;
    }

    /** An admitted attempt turned out well: it is not counted after all. Earlier failures stay. */
    synchronized void uncount(String key) {
        Failures failures = entries.get(key);
        if (failures != null) {
            if (failures.count() <= 1) {
                entries.remove(key);
            } else {
                entries.put(key, new Failures(failures.count() - 1, failures.last()));
            }
        }
    }

    synchronized void clear(String key) {
        entries.remove(key);
    }

    synchronized void forgetOld(Instant now) {
        entries.values().removeIf(failures -> expired(failures, now));
    }

    synchronized int size() {
        return entries.size();
    }

    private Failures live(String key, Instant now) {
        Failures failures = entries.get(key);
        if (failures != null && expired(failures, now)) {
            entries.remove(key);
            return null;
        }
        return failures;
    }

    private boolean expired(Failures failures, Instant now) {
        return !now.isBefore(failures.last().plus(window));
    }
}
