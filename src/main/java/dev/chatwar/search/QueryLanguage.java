package dev.chatwar.search;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The query language: words (all must match), "phrases", prefix* of two characters or more, -word to leave out,
 * OR between alternatives, parentheses. Anything costlier or reaching another field (wildcards inside a word,
 * fuzzy~, /regular expressions/, ranges, field:value) is refused with {@code invalid_field}.
 */
final class QueryLanguage {

    static final int MIN_PREFIX = 2;
    private static final int MAX_CLAUSES = 64;

    private final Analyzer analyzer;
    private final String field;

    QueryLanguage(Analyzer analyzer, String field) {
        this.analyzer = analyzer;
        this.field = field;
    }

    Query parse(String text) {
        QueryParser parser = new QueryParser(field, analyzer); // not thread-safe: one a query
        parser.setDefaultOperator(QueryParser.Operator.AND);
        parser.setAllowLeadingWildcard(false);
        parser.setSplitOnWhitespace(true);
        parser.setAutoGeneratePhraseQueries(true); // "e-mail" is the phrase "e mail", not e AND mail
        Query query;
        try {
            query = parser.parse(text);
        } catch (ParseException | RuntimeException unreadable) {
            throw refused("the query cannot be read: close quotes and parentheses, escape special characters with \\");
        }
        check(query, new int[1]);
        return query;
    }

    private void check(Query query, int[] clauses) {
        if (++clauses[0] > MAX_CLAUSES) {
            throw refused("the query has more than " + MAX_CLAUSES + " parts");
        }
        if (query instanceof BooleanQuery bool) {
            for (BooleanClause clause : bool.clauses()) {
                check(clause.getQuery(), clauses);
            }
        } else if (query instanceof BoostQuery boost) {
            check(boost.getQuery(), clauses);
        } else if (query instanceof TermQuery term) {
            inField(term.getTerm().field());
        } else if (query instanceof PhraseQuery phrase) {
            inField(phrase.getField());
        } else if (query instanceof PrefixQuery prefix) {
            inField(prefix.getField());
            if (prefix.getPrefix().text().codePointCount(0, prefix.getPrefix().text().length()) < MIN_PREFIX) {
                throw refused("a prefix* needs at least " + MIN_PREFIX + " characters before the *");
            }
        } else if (!(query instanceof MatchNoDocsQuery)) {
            throw refused("only words, \"phrases\" and prefix* are searched for");
        }
    }

    private void inField(String name) {
        if (!field.equals(name)) {
            throw refused("a query searches the text of messages only; filter by room, user and time with their own parameters");
        }
    }

    private static ChatException refused(String why) {
        return new ChatException(ErrorCode.INVALID_FIELD, "q: " + why);
    }
}
