package dev.chatwar.history;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each message's reactions as one reader sees them, from two grouped queries: at most
 * {@link ReactionCount#MAX_PER_MESSAGE} rows a message however many users reacted.
 */
final class ReactionCounts {

    private ReactionCounts() {
    }

    /**
     * @param counts rows of message id, emoji, count, first reaction time
     * @param mine   rows of message id, emoji the reader chose
     */
    static Map<Long, List<ReactionCount>> of(List<Object[]> counts, List<Object[]> mine) {
        Set<String> chosen = new HashSet<>();
        mine.forEach(row -> chosen.add(row[0] + " " + row[1]));
        List<Object[]> ordered = new ArrayList<>(counts);
        // the first time as the provider gives an aggregate of a converted column: an Instant or the column's type
        ordered.sort(Comparator.comparing((Object[] row) -> firstTime(row[3])).thenComparing(row -> (String) row[1]));
        Map<Long, List<ReactionCount>> byMessage = new LinkedHashMap<>();
        for (Object[] row : ordered) {
            long message = ((Number) row[0]).longValue();
            byMessage.computeIfAbsent(message, id -> new ArrayList<>()).add(new ReactionCount((String) row[1],
                    ((Number) row[2]).intValue(), chosen.contains(message + " " + row[1])));
        }
        byMessage.replaceAll((message, list) -> List.copyOf(list));
        return byMessage;
    }

    private static Instant firstTime(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return Instant.MIN;
    }
}
