package org.shahed.casualty.dedupe;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A person's name split into the parts Arabic naming is made of (given name, father's, grandfather's, family name),
 * each reduced to a script-independent consonant skeleton, so that "خليل يوسف الحسين" and "Khaleel Yousef
 * Alhussein" compare part by part. Compounds stay one part (عبد الرحمن / Abd al-Rahman / Abdurrahman, Abu Bakr,
 * Umm Ahmad, Nour al-Din); the article (al-, el-, ال, and its assimilated forms as-, ash-, ar-...) and the
 * connectors bin/ibn/بن are not parts; an Arabic name written without spaces is segmented against the lexicon.
 */
public final class NameParts {
    private static final Pattern ARABIC_MARKS = Pattern.compile("[\\u064B-\\u065F\\u0670\\u0640]");
    private static final Pattern COMBINING = Pattern.compile("\\p{M}+");
    private static final Pattern APOSTROPHES = Pattern.compile("['’‘`´ʿʾʻ]");
    private static final Pattern NOT_LETTER = Pattern.compile("[^\\p{L}]+");
    /** Latin-script Arabic ("Arabizi") digits for letters Latin lacks, only beside letters (not in "17"). */
    private static final Pattern ARABIZI = Pattern.compile("(?<=\\p{L})[235679]|[235679](?=\\p{L})");
    private static final Pattern LATIN_ABD = Pattern.compile("^abd(?:[aeiou]?l|[aeiou](?=([b-df-hj-np-tv-z])\\1))?(?=[a-z]{3})");
    private static final Pattern LATIN_ARTICLE = Pattern.compile("^[ae]l(?=[b-df-hj-np-tv-z][a-z])");
    private static final Pattern LATIN_ARTICLE_BEFORE_VOWEL = Pattern.compile("^[ae]l(?=[aeiou][a-z]{3})");
    private static final Set<String> CONNECTORS = Set.of("bin", "ben", "ibn", "bint", "بن", "ابن", "بنت");
    private static final Set<String> ARTICLES = Set.of("al", "el", "ال", "il", "ul");
    /** The article before a sun letter, written as it is said (as-Sayyid, ash-Shami, ar-Rifai, ad-Din). */
    private static final Set<String> ASSIMILATED_ARTICLES = Set.of("ad", "adh", "an", "ar", "as", "ash", "at", "ath", "az",
            "ed", "en", "er", "es", "esh", "et", "ez", "ud", "un", "ur", "us", "ush", "ut", "uz");
    private static final Set<String> ABD = Set.of("abd", "abdul", "abdel", "abdal", "abdil", "abdol", "abdu", "abdo", "عبد");
    private static final Set<String> ABU = Set.of("abu", "abou", "abo", "ابو");
    private static final Set<String> UMM = Set.of("umm", "um", "om", "omm", "ام");
    private static final Set<String> DIN = Set.of("din", "deen", "dine", "eddin", "eddine", "eddeen", "uddin", "aldin",
            "aldeen", "addin", "eldin", "eldine", "دين");
    private static final Set<String> ABBREVIATIONS = Set.of("mhd", "mohd", "muhd", "mhmd");

    private NameParts() {
    }

    /** The parts of a name, each folded to lower case without marks, compounds as one part ("abd rahman"). */
    public static List<String> of(String name) {
        List<String> tokens = tokens(name);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            boolean last = i + 1 == tokens.size();
            if (CONNECTORS.contains(token) && !last) {
                continue;
            }
            if (!last && (ARTICLES.contains(token)
                    || ASSIMILATED_ARTICLES.contains(token) && tokens.get(i + 1).startsWith(token.substring(1)))) {
                continue;
            }
            String bare = token.startsWith("ال") ? token.substring(2) : token.startsWith("al") ? token.substring(2) : token;
            String prefix = ABD.contains(token) || ABD.contains(bare) ? "abd" : ABU.contains(token) ? "abu" : UMM.contains(token) ? "umm" : null;
            if (prefix != null && !last) {
                int next = i + 1;
                if (next + 1 < tokens.size() && (ARTICLES.contains(tokens.get(next)) || ASSIMILATED_ARTICLES.contains(tokens.get(next)))) {
                    next++;
                }
                parts.add(prefix + " " + withoutArticle(tokens.get(next)));
                i = next;
                continue;
            }
            String part = withoutArticle(token);
            if (DIN.contains(part) && !parts.isEmpty()) {
                parts.set(parts.size() - 1, parts.get(parts.size() - 1) + " din");
                continue;
            }
            parts.add(ABBREVIATIONS.contains(part) ? "mohammad" : part);
        }
        return parts;
    }

    /**
     * How a part sounds, in one alphabet shared by both scripts. Consonants: letters romanised alike share a class
     * (ت ط ث: T; د ض ذ: D; س ص: S; ك ق خ: K; ح ه: H), a doubled consonant (shadda) counts once, a final H (taa
     * marbuta, "Fatimah") is dropped. Vowels, one slot before, between and after the consonants: Arabic writes only
     * long vowels (ا و ي), Latin writes short ones too, so a slot is what the script tells — none, a short vowel
     * (a, e, i, u), a long one (A, I, U; E for Latin pairs with e, as in Thaer or Ismael, which stand for an a or an
     * i), or anything ('*': where Arabic has only ع or ء, or the alef that starts a word). Mohammad and Mahmoud share
     * their consonants but not their vowels.
     */
    public record Sound(String consonants, String vowels) {
        /** Whether the vowels of two parts with the same consonants can be one spelling of each other. */
        public boolean vowelsAgree(Sound other) {
            for (int i = 0; i < vowels.length() && i < other.vowels.length(); i++) {
                if (!compatible(vowels.charAt(i), other.vowels.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        private static boolean compatible(char a, char b) {
            if (a == '*' || b == '*' || a == b) {
                return true;
            }
            boolean longA = Character.isUpperCase(a);
            boolean longB = Character.isUpperCase(b);
            if (!longA && !longB) {
                return true; // short vowels are spelled every which way, or not at all
            }
            if (longA && longB) {
                return a == 'E' ? b != 'U' : b == 'E' && a != 'U';
            }
            char vowel = longA ? a : b;
            char with = longA ? b : a;
            if (with == '-') {
                return false;
            }
            if (vowel == 'E') {
                return with != 'u';
            }
            return with == 'e' ? vowel != 'U' : Character.toLowerCase(vowel) == with;
        }
    }

    /** The consonants of a part: the script-independent key records are blocked on. */
    public static String skeleton(String part) {
        return sound(part).consonants();
    }

    public static Sound sound(String part) {
        StringBuilder consonants = new StringBuilder(part.length());
        StringBuilder vowels = new StringBuilder(part.length() + 1);
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            char next = i + 1 < part.length() ? part.charAt(i + 1) : 0;
            char sound;
            switch (c) {
                case 'k', 'g', 't' -> {
                    sound = c == 'k' ? 'K' : c == 'g' ? 'G' : 'T';
                    if (next == 'h') {
                        i++;
                    }
                }
                case 's', 'c' -> {
                    if (next == 'h') {
                        sound = 'C';
                        i++;
                    } else {
                        sound = c == 's' ? 'S' : 'K';
                    }
                }
                case 'd' -> {
                    sound = 'D';
                    if (next == 'h') {
                        i++;
                    } else if (next == 'j') {
                        sound = 'J';
                        i++;
                    }
                }
                case 'p' -> {
                    if (next == 'h') {
                        sound = 'F';
                        i++;
                    } else {
                        sound = 'B';
                    }
                }
                case 'b', 'ب', 'پ' -> sound = 'B';
                case 'ت', 'ط', 'ث' -> sound = 'T';
                case 'ج', 'j' -> sound = 'J';
                case 'ح', 'ه', 'h' -> sound = 'H';
                case 'خ', 'ق', 'ك', 'q' -> sound = 'K';
                case 'د', 'ض', 'ذ' -> sound = 'D';
                case 'ر', 'r' -> sound = 'R';
                case 'ز', 'ظ', 'z' -> sound = 'Z';
                case 'س', 'ص' -> sound = 'S';
                case 'ش', 'چ' -> sound = 'C';
                case 'غ', 'گ' -> sound = 'G';
                case 'ف', 'f', 'v' -> sound = 'F';
                case 'ل', 'l' -> sound = 'L';
                case 'م', 'm' -> sound = 'M';
                case 'ن', 'n' -> sound = 'N';
                case 'x' -> {
                    consonant(consonants, vowels, run, 'K');
                    sound = 'S';
                }
                case ' ' -> sound = 0;
                default -> {
                    run.append(c); // a vowel, or ا و ي ع ء
                    sound = 0;
                }
            }
            if (sound != 0) {
                consonant(consonants, vowels, run, sound);
            }
        }
        vowels.append(slot(run, consonants.isEmpty()));
        if (consonants.length() > 1 && consonants.charAt(consonants.length() - 1) == 'H') {
            // A final H is often not pronounced and not written in Latin: its slot merges with the one before.
            consonants.setLength(consonants.length() - 1);
            char after = vowels.charAt(vowels.length() - 1);
            vowels.setLength(vowels.length() - 1);
            if (after != '-' && vowels.charAt(vowels.length() - 1) == '-') {
                vowels.setCharAt(vowels.length() - 1, after);
            }
        }
        return consonants.isEmpty() ? new Sound("V", vowels.toString()) : new Sound(consonants.toString(), vowels.toString());
    }

    private static void consonant(StringBuilder consonants, StringBuilder vowels, StringBuilder run, char sound) {
        boolean doubled = run.isEmpty() && !consonants.isEmpty() && consonants.charAt(consonants.length() - 1) == sound;
        if (!doubled) {
            vowels.append(slot(run, consonants.isEmpty()));
            consonants.append(sound);
        }
        run.setLength(0);
    }

    /** What the letters between two consonants tell of the vowel there (see {@link Sound}). */
    private static char slot(CharSequence run, boolean atStart) {
        if (run.isEmpty()) {
            return '-';
        }
        boolean arabic = run.charAt(0) >= '\u0600';
        if (arabic && atStart && run.charAt(0) == 'ا') {
            return '*'; // an alef starting a word carries a hamza and a short vowel (أحمد, إسماعيل), not a long a
        }
        boolean u = false;
        boolean i = false;
        boolean a = false;
        boolean e = false;
        for (int k = 0; k < run.length(); k++) {
            switch (run.charAt(k)) {
                case 'o', 'u', 'w', 'و' -> u = true;
                case 'i', 'y', 'ي' -> i = true;
                case 'a', 'ا' -> a = true;
                case 'e' -> {
                    e = true;
                    i |= k > 0 && run.charAt(k - 1) == 'e';
                }
                default -> {
                    // ع ء: a vowel of some kind
                }
            }
        }
        if (arabic) {
            return u ? 'U' : i ? 'I' : a ? 'A' : '*';
        }
        if (run.length() == 1) {
            return run.charAt(0) == 'w' ? 'U' : run.charAt(0) == 'y' ? 'I' : run.charAt(0) == 'o' ? 'u' : run.charAt(0);
        }
        // Latin pairs with e (Thaer, Ismael, Hussein) stand for an a or an i: E agrees with both.
        return u ? 'U' : i ? 'I' : e ? 'E' : 'A';
    }

    /** A name folded to lower-case letters and spaces, Arabic letter forms unified, then split into words. */
    static List<String> tokens(String name) {
        List<String> tokens = new ArrayList<>();
        for (String token : fold(name).split(" ")) {
            if (token.isEmpty()) {
                continue;
            }
            if (token.length() >= 6 && isArabic(token) && !Lexicon.knows(token)) {
                tokens.addAll(Lexicon.segment(token));
            } else {
                tokens.add(token);
            }
        }
        return tokens;
    }

    static String fold(String name) {
        if (name == null) {
            return "";
        }
        String text = ARABIC_MARKS.matcher(name).replaceAll("");
        text = COMBINING.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        text = text.replace('ٱ', 'ا').replace('ة', 'ه').replace('ى', 'ا').replace('ی', 'ي').replace('ک', 'ك');
        text = APOSTROPHES.matcher(text.toLowerCase()).replaceAll("");
        if (ARABIZI.matcher(text).find()) {
            text = ARABIZI.matcher(text).replaceAll(match -> switch (match.group()) {
                case "7" -> "h";
                case "5" -> "kh";
                case "6" -> "t";
                case "9" -> "s";
                default -> ""; // 2 (ء) and 3 (ع)
            });
        }
        return NOT_LETTER.matcher(text).replaceAll(" ").trim();
    }

    /** A word without an article written onto it ("alhussein", "الحسين"), and "abdulrahman" as "abd rahman". */
    private static String withoutArticle(String word) {
        String bare = word;
        if (isArabic(word)) {
            if (word.startsWith("ال") && word.length() > 3) {
                bare = word.substring(2);
            }
            if (bare.startsWith("عبد") && bare.length() > 4) {
                String rest = bare.substring(3);
                return "abd " + (rest.startsWith("ال") && rest.length() > 3 ? rest.substring(2) : rest);
            }
            return bare;
        }
        var article = LATIN_ARTICLE.matcher(word);
        if (article.find() && word.length() > 4) {
            bare = word.substring(article.end());
        } else if (LATIN_ARTICLE_BEFORE_VOWEL.matcher(word).find() && !Lexicon.isLatinGivenName(word)) {
            // "Alomari", "Alabdullah": the article before a vowel, unless the word is a given name ("Alaa").
            bare = word.substring(2);
        }
        var abd = LATIN_ABD.matcher(bare);
        return abd.find() ? "abd " + bare.substring(abd.end()) : bare;
    }

    static boolean isArabic(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c < '\u0600' || c > '\u06FF') {
                return false;
            }
        }
        return !word.isEmpty();
    }
}
