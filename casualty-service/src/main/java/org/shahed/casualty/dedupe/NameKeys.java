package org.shahed.casualty.dedupe;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.shahed.casualty.record.CasualtyInput;

/**
 * Normalised and phonetic forms of names, so that one person written different ways is found: Arabic diacritics,
 * tatweel, hamza/alef forms, taa marbuta and alef maqsura folded; Al-/El- prefixes dropped; Latin accents,
 * doubled letters and common transliteration variants (ou/oo → u, q → k, 7 → h) folded — the keys name search
 * finds words by — and the script-independent blocking keys of {@link NameReadings}, which de-duplication compares
 * records by.
 */
public final class NameKeys {
    /**
     * Marks keys made by the current rules: records keyed by older rules are keyed again by {@link Rekeying}. Raise it
     * whenever the keys a name gives change.
     */
    public static final String VERSION = "v:3";
    private static final Pattern ARABIC_MARKS = Pattern.compile("[\\u064B-\\u065F\\u0670\\u0640]");
    private static final Pattern COMBINING = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTER = Pattern.compile("[^\\p{L}\\d ]+");
    private static final Pattern ARTICLE = Pattern.compile("(^| )(al|el|ال)[ -]?(?=\\p{L}{2})");
    private static final Pattern DOUBLED = Pattern.compile("(\\p{L})\\1+");
    /** "7" written for ح in Latin-script Arabic (Mo7ammad), not in a number. */
    private static final Pattern ARABIZI_HAA = Pattern.compile("(?<=\\p{L})7|7(?=\\p{L})");
    private static final Pattern SPACES = Pattern.compile(" +");
    private NameKeys() {
    }

    /**
     * A name folded for comparison, in its own script. Each step runs only when the name has something it would
     * change (a regular expression pass costs more than a scan, and imports fold several names a row).
     */
    public static String normalise(String name) {
        if (name == null) {
            return "";
        }
        String text = hasArabicMark(name) ? ARABIC_MARKS.matcher(name).replaceAll("") : name;
        text = text.replace('أ', 'ا').replace('إ', 'ا').replace('آ', 'ا').replace('ٱ', 'ا')
                .replace('ؤ', 'و').replace('ئ', 'ي').replace('ة', 'ه').replace('ى', 'ي');
        if (mayDecompose(text)) {
            text = COMBINING.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        }
        text = text.toLowerCase().replace("'", "").replace("’", "");
        if (hasSevenBesideLetter(text)) {
            text = ARABIZI_HAA.matcher(text).replaceAll("h");
        }
        text = text.replace('-', ' ');
        if (hasOtherThanLettersDigitsSpaces(text)) {
            text = NOT_LETTER.matcher(text).replaceAll(" ");
        }
        if (text.contains("al") || text.contains("el") || text.contains("ال")) {
            text = ARTICLE.matcher(text).replaceAll("$1");
        }
        text = text.replace("ou", "u").replace("oo", "u").replace('q', 'k');
        if (hasDoubledLetter(text)) {
            text = DOUBLED.matcher(text).replaceAll("$1");
        }
        text = text.trim();
        return text.contains("  ") ? SPACES.matcher(text).replaceAll(" ") : text;
    }

    // The scans below are written out one by one: a shared scan taking a predicate costs a call per character.

    private static boolean hasArabicMark(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= '\u064B' && c <= '\u065F') || c == '\u0670' || c == '\u0640') {
                return true;
            }
        }
        return false;
    }

    /** Whether NFD could change the text or it has combining marks: anything but ASCII and plain Arabic letters. */
    private static boolean mayDecompose(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && !(c >= '\u0621' && c <= '\u063A') && !(c >= '\u0641' && c <= '\u064A')) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@link #ARABIZI_HAA} would match: a 7 right after or before a letter (not one in "17"). */
    private static boolean hasSevenBesideLetter(String text) {
        for (int i = text.indexOf('7'); i >= 0; i = text.indexOf('7', i + 1)) {
            if (i > 0 && Character.isLetter(text.codePointBefore(i))
                    || i + 1 < text.length() && Character.isLetter(text.codePointAt(i + 1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasOtherThanLettersDigitsSpaces(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isLetter(c) && !(c >= '0' && c <= '9') && c != ' ') {
                return true;
            }
        }
        return false;
    }

    private static boolean hasDoubledLetter(String text) {
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c) || (c == text.charAt(i - 1) && Character.isLetter(c))) {
                return true;
            }
        }
        return false;
    }

    /** A record's keys: each word normalised ("n:"), the blocking keys ("b:"), and the rules' {@link #VERSION}. */
    public static List<String> keys(CasualtyInput.Names names) {
        Set<String> keys = new LinkedHashSet<>();
        for (String name : forms(names)) {
            for (String word : normalise(name).split(" ")) {
                if (word.length() >= 2) {
                    keys.add("n:" + word);
                }
            }
        }
        keys.addAll(NameReadings.of(names).blockingKeys());
        keys.add(VERSION);
        return new ArrayList<>(keys);
    }

    static List<String> forms(CasualtyInput.Names names) {
        List<String> forms = new ArrayList<>();
        if (names != null) {
            for (String form : new String[] { names.fullNameAr(), names.fullNameLatin(), names.givenName(),
                    names.fatherName(), names.familyName(), names.nickname() }) {
                if (form != null && !form.isBlank()) {
                    forms.add(form);
                }
            }
        }
        return forms;
    }
}
