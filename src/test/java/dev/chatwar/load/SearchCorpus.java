package dev.chatwar.load;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The messages the search benchmark stores: 8 to 20 words each from a vocabulary of 5,000 made-up words, drawn
 * with Zipf-like frequencies (the k-th commonest word about 1/k as often as the first), as in natural text; and
 * the queries it searches for, by kind.
 */
final class SearchCorpus {

    static final int VOCABULARY = 5000;
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ren", "to", "sha", "vi", "dun", "pe", "ro", "zu",
            "bel", "no", "ta", "gri", "fo", "su", "mar", "el", "qui"};

    private final String[] words = new String[VOCABULARY];
    private final double[] cumulative = new double[VOCABULARY];
    private final SplittableRandom random;

    SearchCorpus(long seed) {
        random = new SplittableRandom(seed);
        double total = 0;
        for (int k = 0; k < VOCABULARY; k++) {
            words[k] = word(k);
            total += 1.0 / (k + 1);
            cumulative[k] = total;
        }
        for (int k = 0; k < VOCABULARY; k++) {
            cumulative[k] /= total;
        }
    }

    // distinct for every k: its digits in base 20, one syllable each, at least three
    private static String word(int k) {
        StringBuilder word = new StringBuilder();
        int rest = k;
        for (int i = 0; i < 3 || rest > 0; i++) {
            word.append(SYLLABLES[rest % SYLLABLES.length]);
            rest /= SYLLABLES.length;
        }
        return word.toString();
    }

    synchronized String message() {
        int length = 8 + random.nextInt(13);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(words[pick()]);
        }
        return text.toString();
    }

    private int pick() {
        double r = random.nextDouble();
        int low = 0;
        int high = VOCABULARY - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] < r) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** A query of each kind, in turn: what a user types. */
    record Query(String kind, String q, String parameters) {
    }

    List<Query> queries(int count, List<String> rooms, List<String> authors) {
        List<Query> queries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String common = words[random.nextInt(10)];
            String middle = words[100 + random.nextInt(900)];
            String rare = words[2000 + random.nextInt(3000)];
            queries.add(switch (i % 8) {
                case 0 -> new Query("common word", common, "");
                case 1 -> new Query("rare word", rare, "");
                case 2 -> new Query("two words", middle + " " + words[10 + random.nextInt(90)], "");
                case 3 -> new Query("phrase", "\"" + words[random.nextInt(20)] + " " + words[random.nextInt(20)] + "\"", "");
                case 4 -> new Query("prefix", middle.substring(0, 4) + "*", "");
                case 5 -> new Query("word in one room", middle, "room=" + rooms.get(random.nextInt(rooms.size())));
                case 6 -> new Query("word by one author", middle, "user=" + authors.get(random.nextInt(authors.size())));
                default -> new Query("common word, by relevance", common, "sort=relevance");
            });
        }
        return queries;
    }
}
