package dev.chatwar.search;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;

/** Opens the index's writer, and reads and writes what each commit records: the last event id it covers. */
final class IndexWriters {

    static final String LAST_ID = "lastId";
    // the fields' layout: an index of another (older) one is made again, from the database
    private static final String FORMAT = "format";
    private static final String CURRENT_FORMAT = "2";

    private IndexWriters() {
    }

    // an index kept in another order or with other fields (made by an older version) is started again: it is
    // rebuilt from the database
    static IndexWriter open(Directory directory, Analyzer analyzer) throws IOException {
        IndexWriter opened;
        try {
            opened = new IndexWriter(directory, config(analyzer, IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
        } catch (IllegalArgumentException otherOrder) {
            return new IndexWriter(directory, config(analyzer, IndexWriterConfig.OpenMode.CREATE));
        }
        if (opened.getDocStats().maxDoc == 0 || CURRENT_FORMAT.equals(commitData(opened, FORMAT))) {
            return opened;
        }
        opened.close();
        return new IndexWriter(directory, config(analyzer, IndexWriterConfig.OpenMode.CREATE));
    }

    static String commitData(IndexWriter writer, String key) {
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> entry : data) {
                if (entry.getKey().equals(key)) {
                    return entry.getValue();
                }
            }
        }
        return null;
    }

    private static IndexWriterConfig config(Analyzer analyzer, IndexWriterConfig.OpenMode mode) {
        return new IndexWriterConfig(analyzer).setOpenMode(mode).setRAMBufferSizeMB(32)
                .setIndexSort(MessageIndex.NEWEST_FIRST);
    }

    /** What a commit covering the events up to {@code lastId} records. */
    static List<Map.Entry<String, String>> commitData(long lastId) {
        return List.of(Map.entry(LAST_ID, Long.toString(lastId)), Map.entry(FORMAT, CURRENT_FORMAT));
    }
}
