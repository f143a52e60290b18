package dev.chatwar.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * Where each found message matches its query, as offsets into its text, not as markup: the page marks them up
 * itself, so a message's text is never turned into HTML by the server. A message is analysed as it was indexed,
 * and a word is marked where it is one of the query's words, starts with one of its prefixes, or is part of one of
 * its phrases where the whole phrase stands; words the query leaves out (-word) are not marked. (Lucene's
 * highlighter did the same by building an index in memory for each message, and that was most of its time.)
 */
final class Highlights {

    private final Analyzer analyzer;

    Highlights(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    List<SearchHit> hits(IndexSearcher searcher, Query text, List<ScoreDoc> page) throws IOException {
        Wanted wanted = new Wanted();
        wanted.collect(text);
        StoredFields stored = searcher.storedFields();
        List<SearchHit> hits = new ArrayList<>(page.size());
        for (ScoreDoc found : page) {
            Document doc = stored.document(found.doc);
            hits.add(MessageIndex.hit(doc, wanted.in(analyzer, doc.get(MessageIndex.TEXT))));
        }
        return hits;
    }

    /** What a query looks for, of what it does not leave out. */
    private static final class Wanted {
        final Set<String> words = new HashSet<>();
        final List<String> prefixes = new ArrayList<>();
        final List<List<String>> phrases = new ArrayList<>();

        void collect(Query query) {
            if (query instanceof BooleanQuery bool) {
                bool.clauses().stream().filter(clause -> clause.getOccur() != BooleanClause.Occur.MUST_NOT)
                        .forEach(clause -> collect(clause.getQuery()));
            } else if (query instanceof BoostQuery boost) {
                collect(boost.getQuery());
            } else if (query instanceof TermQuery term) {
                words.add(term.getTerm().text());
            } else if (query instanceof PrefixQuery prefix) {
                prefixes.add(prefix.getPrefix().text());
            } else if (query instanceof PhraseQuery phrase) {
                phrases.add(Arrays.stream(phrase.getTerms()).map(Term::text).toList());
            }
        }

        List<SearchHit.Match> in(Analyzer analyzer, String text) throws IOException {
            List<String> tokens = new ArrayList<>();
            List<int[]> offsets = new ArrayList<>();
            try (TokenStream stream = analyzer.tokenStream(MessageIndex.TEXT, text)) {
                CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
                OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
                stream.reset();
                while (stream.incrementToken()) {
                    tokens.add(term.toString());
                    offsets.add(new int[] {offset.startOffset(), offset.endOffset()});
                }
                stream.end();
            }
            TreeSet<Integer> marked = new TreeSet<>();
            for (int i = 0; i < tokens.size(); i++) {
                String token = tokens.get(i);
                if (words.contains(token) || prefixes.stream().anyMatch(token::startsWith)) {
                    marked.add(i);
                }
                for (List<String> phrase : phrases) {
                    if (!phrase.isEmpty() && i + phrase.size() <= tokens.size()
                            && tokens.subList(i, i + phrase.size()).equals(phrase)) {
                        for (int j = i; j < i + phrase.size(); j++) {
                            marked.add(j);
                        }
                    }
                }
            }
            List<SearchHit.Match> matches = new ArrayList<>(marked.size());
            for (int i : marked) {
                matches.add(new SearchHit.Match(offsets.get(i)[0], offsets.get(i)[1]));
            }
            return matches;
        }
    }
}
