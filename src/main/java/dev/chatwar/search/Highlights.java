package dev.chatwar.search;

import dev.chatwar.base.MessageText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;

/**
 * Where each found message matches its query, as offsets into its text, not as markup: the page marks them up
 * itself, so a message's text is never turned into HTML by the server.
 */
final class Highlights {

    private final UnifiedHighlighter highlighter;

    Highlights(Analyzer analyzer) {
        // without a searcher: each message's text, read once with its other stored fields, is analysed again
        highlighter = UnifiedHighlighter.builderWithoutSearcher(analyzer)
                .withBreakIterator(WholeBreakIterator::new) // the whole message is one passage
                .withFormatter(new Offsets())
                .withMaxLength(MessageText.MAX_LENGTH + 1)
                .withHandleMultiTermQuery(true) // prefix* matches are marked too
                .build();
    }

    List<SearchHit> hits(IndexSearcher searcher, Query text, List<ScoreDoc> page) throws IOException {
        StoredFields stored = searcher.storedFields();
        List<SearchHit> hits = new ArrayList<>(page.size());
        for (ScoreDoc found : page) {
            Document doc = stored.document(found.doc);
            Object ranges = highlighter.highlightWithoutSearcher(MessageIndex.TEXT, text, doc.get(MessageIndex.TEXT), 1);
            hits.add(MessageIndex.hit(doc, matches(ranges == null ? null : ranges.toString())));
        }
        return hits;
    }

    private static List<SearchHit.Match> matches(String ranges) {
        List<SearchHit.Match> matches = new ArrayList<>();
        if (ranges == null || ranges.isEmpty()) {
            return matches;
        }
        for (String range : ranges.split(",")) {
            int dash = range.indexOf('-');
            matches.add(new SearchHit.Match(Integer.parseInt(range.substring(0, dash)),
                    Integer.parseInt(range.substring(dash + 1))));
        }
        return matches;
    }

    // "start-end,start-end": the highlighter hands its formatter's output back as text
    private static final class Offsets extends PassageFormatter {
        @Override
        public String format(Passage[] passages, String content) {
            StringBuilder ranges = new StringBuilder();
            for (Passage passage : passages) {
                for (int i = 0; i < passage.getNumMatches(); i++) {
                    if (!ranges.isEmpty()) {
                        ranges.append(',');
                    }
                    ranges.append(passage.getMatchStarts()[i]).append('-').append(passage.getMatchEnds()[i]);
                }
            }
            return ranges.toString();
        }
    }
}
