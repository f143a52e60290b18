package dev.chatwar.search;

import java.util.List;

/** A page of search results; {@code more}: there are more after it. */
public record SearchResults(List<SearchHit> hits, boolean more) {

    public SearchResults {
        hits = List.copyOf(hits);
    }
}
