package dev.chatwar.search;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/** The parts of a search besides its text: the rooms the reader may read, the author, the times. */
final class SearchFilters {

    // rooms holding less than this part of the index are read by their own lists even newest first
    private static final int SMALL_SHARE = 256;

    private SearchFilters() {
    }

    // Newest first, the matches are read in the index's order and each one's room looked up until a page is full,
    // unless the rooms hold a small share of the index: then their own lists are read (a reader of many rooms
    // would otherwise read every message's room before the first match). By relevance every match is scored
    // anyway, and Lucene weighs the one way against the other itself.
    static Query inRooms(IndexSearcher searcher, List<BytesRef> rooms, SearchQuery.Order order)
            throws IOException {
        Query byLists = new TermInSetQuery(MessageIndex.ROOM, rooms);
        Query byLookUp = SortedDocValuesField.newSlowSetQuery(MessageIndex.ROOM, rooms);
        if (order == SearchQuery.Order.RELEVANCE) {
            return new IndexOrDocValuesQuery(byLists, byLookUp);
        }
        long small = searcher.getIndexReader().maxDoc() / SMALL_SHARE;
        long held = 0;
        for (BytesRef room : rooms) {
            held += searcher.getIndexReader().docFreq(new Term(MessageIndex.ROOM, room));
            if (held > small) {
                return byLookUp;
            }
        }
        return byLists;
    }

    // the query's author and times
    static BooleanQuery.Builder authorAndTimes(BooleanQuery.Builder all, SearchQuery query) {
        if (query.author() != null) {
            all.add(new TermQuery(new Term(MessageIndex.USER, query.author().value().toLowerCase(Locale.ROOT))),
                    BooleanClause.Occur.FILTER);
        }
        if (query.from() != null || query.to() != null) {
            long from = query.from() == null ? Long.MIN_VALUE : query.from().toEpochMilli();
            long to = query.to() == null ? Long.MAX_VALUE : query.to().toEpochMilli() - 1;
            all.add(LongPoint.newRangeQuery(MessageIndex.SENT, from, to), BooleanClause.Occur.FILTER);
        }
        return all;
    }
}
