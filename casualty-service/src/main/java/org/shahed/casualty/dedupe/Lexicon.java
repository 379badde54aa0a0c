package org.shahed.casualty.dedupe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Names common in Syria ({@code dedupe/names.tsv}): the words an Arabic name written without spaces is cut into, and
 * the names and spellings the synthetic evaluation set is made of.
 */
public final class Lexicon {
    /** One name: its Arabic form, whose name it is (m, f, family), and spellings seen in Latin script. */
    public record Entry(String arabic, String kind, List<String> latin) {
    }

    private static final List<Entry> ENTRIES = load();
    /** Folded Arabic words a name may be cut into, each also with the article ال. */
    private static final Set<String> WORDS = words();
    private static final Set<String> LATIN_GIVEN_NAMES = latinGivenNames();
    private static final int LONGEST_WORD = WORDS.stream().mapToInt(String::length).max().orElse(0);
    /** Costs of a piece no lexicon word covers, and of each of its letters: known words win over unknown ones. */
    private static final int UNKNOWN_PIECE = 2;
    private static final int UNKNOWN_LETTER = 1;

    private Lexicon() {
    }

    public static List<Entry> entries() {
        return ENTRIES;
    }

    static boolean knows(String foldedWord) {
        return WORDS.contains(foldedWord);
    }

    /**
     * An Arabic word cut into lexicon words with the fewest cuts ("عبدالرحيمخليلالحسين": عبدالرحيم, خليل,
     * الحسين). Letters no word covers (a misspelt or unknown name) become a piece of their own, at a cost that makes
     * known words win; the word stays whole when known words cover less than half of it.
     */
    static List<String> segment(String word) {
        int n = word.length();
        int[] cost = new int[n + 1];
        int[] from = new int[n + 1];
        boolean[] known = new boolean[n + 1];
        Arrays.fill(cost, Integer.MAX_VALUE);
        cost[0] = 0;
        for (int end = 1; end <= n; end++) {
            for (int start = 0; start < end; start++) {
                if (cost[start] == Integer.MAX_VALUE) {
                    continue;
                }
                boolean isWord = end - start <= LONGEST_WORD && WORDS.contains(word.substring(start, end));
                int step = isWord ? 1 : UNKNOWN_PIECE + UNKNOWN_LETTER * (end - start);
                if (cost[start] + step < cost[end]) {
                    cost[end] = cost[start] + step;
                    from[end] = start;
                    known[end] = isWord;
                }
            }
        }
        List<String> pieces = new ArrayList<>();
        int covered = 0;
        for (int end = n; end > 0; end = from[end]) {
            covered += known[end] ? end - from[end] : 0;
            pieces.add(0, word.substring(from[end], end));
        }
        return pieces.size() < 2 || covered * 2 < n ? List.of(word) : pieces;
    }

    private static Set<String> words() {
        Set<String> words = new HashSet<>();
        for (Entry entry : ENTRIES) {
            String folded = NameParts.fold(entry.arabic());
            List<String> tokens = List.of(folded.split(" "));
            words.add(String.join("", tokens));
            words.addAll(tokens);
        }
        for (String word : List.copyOf(words)) {
            words.add(word.startsWith("ال") ? word.substring(2) : "ال" + word);
        }
        words.removeIf(word -> word.length() < 2 || word.startsWith("الال"));
        return Set.copyOf(words);
    }

    /** Given names, folded, as Latin-script lists spell them ("ali", "alaa", "alaeddin"). */
    static boolean isLatinGivenName(String foldedWord) {
        return LATIN_GIVEN_NAMES.contains(foldedWord);
    }

    private static Set<String> latinGivenNames() {
        Set<String> names = new HashSet<>();
        for (Entry entry : ENTRIES) {
            if (!entry.kind().equals("family")) {
                for (String spelling : entry.latin()) {
                    names.add(NameParts.fold(spelling).replace(" ", ""));
                }
            }
        }
        return Set.copyOf(names);
    }

    private static List<Entry> load() {
        InputStream in = Lexicon.class.getResourceAsStream("/dedupe/names.tsv");
        if (in == null) {
            throw new IllegalStateException("dedupe/names.tsv is missing from the classpath");
        }
        List<Entry> entries = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                entries.add(new Entry(columns[0], columns[1], List.of(columns[2].split(","))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(entries);
    }
}
