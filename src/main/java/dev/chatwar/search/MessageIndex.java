package dev.chatwar.search;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.history.RoomEvent;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.store.NRTCachingDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * A Lucene index of the live messages: one document each, replaced when the message is edited, deleted when it is
 * retracted. Written by one thread (the {@link Indexer}); searched by any, from the view of its last refresh.
 */
public final class MessageIndex implements Closeable {

    static final String ID = "id";
    static final String ORDER = "order";
    static final String ROOM = "room";
    static final String USER = "user";
    static final String AUTHOR = "author";
    static final String SENT = "sentAt";
    static final String SEQ = "seq";
    static final String TEXT = "text";

    // no stop words: "to be or not to be" is a phrase one may look for
    private final Analyzer analyzer = new StandardAnalyzer(CharArraySet.EMPTY_SET);
    private final QueryLanguage language = new QueryLanguage(analyzer, TEXT);
    private final Highlights highlights = new Highlights(analyzer);
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    // Kept newest first: a search for the newest matches stops once it has a page of them, however many match,
    // and a search by relevance ranks equal scores newest first (Lucene breaks ties by document order).
    static final Sort NEWEST_FIRST = new Sort(new SortField(ORDER, SortField.Type.LONG, true));

    private MessageIndex(Directory directory) throws IOException {
        this.directory = directory;
        this.writer = IndexWriters.open(directory, analyzer);
        this.searchers = new SearcherManager(writer, null);
    }

    /** The index kept in that folder, made there if there is none. */
    public static MessageIndex in(Path folder) {
        try {
            return new MessageIndex(new NRTCachingDirectory(mapped(folder), 4, 48));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + folder, e);
        }
    }

    // Mapped into memory even where the JVM does not let Lucene unmap a file it has done with (WildFly's and
    // Payara's class loaders keep the JDK's internals from it): such a file is unmapped by the garbage collector
    // instead, a little later. Read through system calls instead, the index cost a search about a tenth more.
    private static Directory mapped(Path folder) throws IOException {
        return new MMapDirectory(folder);
    }

    /** An index in memory, gone with the process: for tests. */
    public static MessageIndex inMemory() {
        try {
            return new MessageIndex(new ByteBuffersDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The highest event id the last commit covered; 0 for a new index. */
    public long committedLastId() {
        String last = IndexWriters.commitData(writer, IndexWriters.LAST_ID);
        return last == null ? 0 : Long.parseLong(last);
    }

    /** Indexes the message as it stands: its text now, or nothing once retracted. */
    public void put(RoomEvent message) {
        Term id = new Term(ID, Long.toString(message.id()));
        try {
            if (message.retracted() || message.text() == null) {
                writer.deleteDocuments(id);
                return;
            }
            Document doc = new Document();
            doc.add(new StringField(ID, id.text(), Field.Store.YES));
            doc.add(new NumericDocValuesField(ORDER, message.id()));
            doc.add(new StringField(ROOM, message.room().value(), Field.Store.YES));
            doc.add(new SortedDocValuesField(ROOM, new BytesRef(message.room().value())));
            doc.add(new StringField(USER, message.author().value().toLowerCase(Locale.ROOT), Field.Store.NO));
            doc.add(new StoredField(AUTHOR, message.author().value()));
            doc.add(new LongPoint(SENT, message.sentAt().toEpochMilli()));
            doc.add(new StoredField(SENT, message.sentAt().toEpochMilli()));
            doc.add(new StoredField(SEQ, message.seq()));
            doc.add(new TextField(TEXT, message.text(), Field.Store.YES));
            writer.updateDocument(id, doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes what was put so far durable, as covering the events up to {@code lastId}. */
    public void commit(long lastId) {
        writer.setLiveCommitData(IndexWriters.commitData(lastId));
        try {
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes what was put so far visible to searches (without the cost of a commit). */
    public void refresh() {
        try {
            searchers.maybeRefresh();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets every message: the index was made for another database. */
    public void clear() {
        try {
            writer.deleteAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        commit(0);
        refresh();
    }

    /** The messages of {@code rooms} (and of the query's room, author and times) that match its text. */
    public SearchResults search(SearchQuery query, Collection<RoomName> rooms) {
        Query text = language.parse(query.text());
        List<BytesRef> searched = (query.room() == null ? rooms.stream()
                : rooms.stream().filter(query.room()::equals)).map(room -> new BytesRef(room.value())).toList();
        if (searched.isEmpty()) {
            return new SearchResults(List.of(), false);
        }
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                BooleanQuery.Builder all = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST)
                        .add(SearchFilters.inRooms(searcher, searched, query.order()), BooleanClause.Occur.FILTER);
                Query built = SearchFilters.authorAndTimes(all, query).build();
                int wanted = query.offset() + query.limit() + 1;
                // counting no further than a page: the search stops (newest first) or skips (by relevance) early
                TopDocs top = query.order() == SearchQuery.Order.NEWEST
                        ? searcher.search(built, new TopFieldCollectorManager(NEWEST_FIRST, wanted, null, wanted))
                        : searcher.search(built, new TopScoreDocCollectorManager(wanted, null, wanted));
                List<ScoreDoc> page = new ArrayList<>();
                for (int i = query.offset(); i < top.scoreDocs.length && page.size() < query.limit(); i++) {
                    page.add(top.scoreDocs[i]);
                }
                boolean more = top.scoreDocs.length > query.offset() + query.limit();
                return new SearchResults(highlights.hits(searcher, text, page), more);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SearchHit hit(Document doc, List<SearchHit.Match> matches) {
        return new SearchHit(new RoomName(doc.get(ROOM)), Long.parseLong(doc.get(ID)),
                doc.getField(SEQ).numericValue().longValue(), new UserName(doc.get(AUTHOR)),
                Instant.ofEpochMilli(doc.getField(SENT).numericValue().longValue()), doc.get(TEXT), matches);
    }

    /** Whether Lucene closed the writer after a failure it cannot recover from (the index stays as last committed). */
    public boolean broken() {
        return !writer.isOpen() || writer.getTragicException() != null;
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
    }
}
