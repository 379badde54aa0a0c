package org.shahed.casualty.dedupe;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.shahed.casualty.dedupe.NameParts.Sound;
import org.shahed.casualty.record.CasualtyInput.Names;

/**
 * The ways a record's names can be read as given name, father's name and family name: from the separate fields, and
 * from each full name (Arabic and Latin) by position — first the given name, last the family name, second the
 * father's name when there are three parts or more. A two-part name is read both as given + family and as given +
 * father, since lists write both. Comparison takes the reading pair that agrees best.
 */
public record NameReadings(List<Reading> readings, Sound mother) {

    /** One reading; a missing part is null. */
    public record Reading(Sound given, Sound father, Sound family) {
    }

    public static NameReadings of(Names names) {
        if (names == null) {
            return new NameReadings(List.of(), null);
        }
        Set<Reading> readings = new LinkedHashSet<>();
        Sound given = joined(names.givenName());
        Sound father = joined(names.fatherName());
        Sound family = joined(names.familyName());
        if (given != null || father != null || family != null) {
            readings.add(new Reading(given, father, family));
        }
        for (String full : new String[] { names.fullNameAr(), names.fullNameLatin() }) {
            List<String> parts = NameParts.of(full);
            if (parts.size() == 1) {
                readings.add(new Reading(NameParts.sound(parts.get(0)), null, null));
            } else if (parts.size() == 2) {
                readings.add(new Reading(NameParts.sound(parts.get(0)), null, NameParts.sound(parts.get(1))));
                readings.add(new Reading(NameParts.sound(parts.get(0)), NameParts.sound(parts.get(1)), null));
            } else if (parts.size() > 2) {
                readings.add(new Reading(NameParts.sound(parts.get(0)), NameParts.sound(parts.get(1)),
                        NameParts.sound(parts.get(parts.size() - 1))));
            }
        }
        return new NameReadings(new ArrayList<>(readings), joined(names.motherName()));
    }

    /** Blocking keys: pairs of parts, so that one misspelt or missing part still leaves a shared key. */
    public List<String> blockingKeys() {
        Set<String> keys = new LinkedHashSet<>();
        for (Reading reading : readings) {
            String given = consonants(reading.given());
            String father = consonants(reading.father());
            String family = consonants(reading.family());
            if (given != null && family != null) {
                // A part written one consonant off (a typo, or ذ romanised z and d) still meets: each part is also
                // keyed with each one of its consonants left out, which two spellings one edit apart share.
                keys.add("b:gf:" + given + "|" + family);
                for (String fewer : oneLeftOut(given)) {
                    keys.add("b:gf:" + fewer + "|" + family);
                }
                keys.add("b:fg:" + given + "|" + family);
                for (String fewer : oneLeftOut(family)) {
                    keys.add("b:fg:" + given + "|" + fewer);
                }
            }
            if (given != null && father != null) {
                keys.add("b:gp:" + given + "|" + father);
            }
            if (father != null && family != null) {
                keys.add("b:pf:" + father + "|" + family);
            }
            if (given != null && father == null && family == null) {
                keys.add("b:g:" + given);
            }
        }
        return List.copyOf(keys);
    }

    private static Set<String> oneLeftOut(String consonants) {
        Set<String> fewer = new LinkedHashSet<>();
        if (consonants.length() > 1) {
            for (int i = 0; i < consonants.length(); i++) {
                fewer.add(consonants.substring(0, i) + consonants.substring(i + 1));
            }
        }
        return fewer;
    }

    /** A field's parts read as one ("Abd al-Rahman" is one given name). */
    private static Sound joined(String field) {
        List<String> parts = NameParts.of(field);
        return parts.isEmpty() ? null : NameParts.sound(String.join(" ", parts));
    }

    private static String consonants(Sound sound) {
        return sound == null ? null : sound.consonants();
    }
}
