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
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
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
    private static final String LAST_ID = "lastId";

    // no stop words: "to be or not to be" is a phrase one may look for
    private final Analyzer analyzer = new StandardAnalyzer(CharArraySet.EMPTY_SET);
    private final QueryLanguage language = new QueryLanguage(analyzer, TEXT);
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    // Kept newest first: a search for the newest matches stops once it has a page of them, however many match,
    // and a search by relevance ranks equal scores newest first (Lucene breaks ties by document order).
    private static final Sort NEWEST_FIRST = new Sort(new SortField(ORDER, SortField.Type.LONG, true));

    private MessageIndex(Directory directory) throws IOException {
        this.directory = directory;
        this.writer = writer(directory, analyzer);
        this.searchers = new SearcherManager(writer, null);
    }

    // an index kept in another order (made by an older version) is started again: it is rebuilt from the database
    private static IndexWriter writer(Directory directory, Analyzer analyzer) throws IOException {
        try {
            return new IndexWriter(directory, config(analyzer, IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
        } catch (IllegalArgumentException otherOrder) {
            return new IndexWriter(directory, config(analyzer, IndexWriterConfig.OpenMode.CREATE));
        }
    }

    private static IndexWriterConfig config(Analyzer analyzer, IndexWriterConfig.OpenMode mode) {
        return new IndexWriterConfig(analyzer).setOpenMode(mode).setRAMBufferSizeMB(32).setIndexSort(NEWEST_FIRST);
    }

    /** The index kept in that folder, made there if there is none. */
    public static MessageIndex in(Path folder) {
        try {
            return new MessageIndex(FSDirectory.open(folder));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + folder, e);
        }
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
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> entry : data) {
                if (entry.getKey().equals(LAST_ID)) {
                    return Long.parseLong(entry.getValue());
                }
            }
        }
        return 0;
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
        writer.setLiveCommitData(List.of(Map.entry(LAST_ID, Long.toString(lastId))));
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
        if (rooms.isEmpty()) {
            return new SearchResults(List.of(), false);
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST)
                .add(new TermInSetQuery(ROOM, rooms.stream().map(room -> new BytesRef(room.value())).toList()),
                        BooleanClause.Occur.FILTER);
        if (query.room() != null) {
            all.add(new TermQuery(new Term(ROOM, query.room().value())), BooleanClause.Occur.FILTER);
        }
        if (query.author() != null) {
            all.add(new TermQuery(new Term(USER, query.author().value().toLowerCase(Locale.ROOT))),
                    BooleanClause.Occur.FILTER);
        }
        if (query.from() != null || query.to() != null) {
            long from = query.from() == null ? Long.MIN_VALUE : query.from().toEpochMilli();
            long to = query.to() == null ? Long.MAX_VALUE : query.to().toEpochMilli() - 1;
            all.add(LongPoint.newRangeQuery(SENT, from, to), BooleanClause.Occur.FILTER);
        }
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                Query built = all.build();
                int wanted = query.offset() + query.limit() + 1;
                TopDocs top = query.order() == SearchQuery.Order.NEWEST ? searcher.search(built, wanted, NEWEST_FIRST)
                        : searcher.search(built, wanted);
                List<ScoreDoc> page = new ArrayList<>();
                for (int i = query.offset(); i < top.scoreDocs.length && page.size() < query.limit(); i++) {
                    page.add(top.scoreDocs[i]);
                }
                boolean more = top.scoreDocs.length > query.offset() + query.limit();
                return new SearchResults(Highlights.hits(searcher, analyzer, text, page), more);
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

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
    }
}
