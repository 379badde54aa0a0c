package org.shahed.casualty.dedupe;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.shahed.casualty.dedupe.Lexicon.Entry;
import org.shahed.casualty.record.CasualtyInput.Names;
import org.shahed.casualty.record.CasualtyInput.Sex;

/**
 * Casualty lists as several organisations would send them about the same people, each record labelled with the
 * person it is of: households (siblings share father's, mother's and family name, and die in one strike),
 * namesakes (another household of the same names elsewhere), and per list its own script (Arabic only, Latin only,
 * or both), its own romanisation of each name, the article written or not, the father's name left out, Arabic
 * written without spaces, typos, ages and dates a little off, places and sex not recorded. Seeded: the same seed
 * gives the same lists, so a tuning set and an evaluation set are two seeds.
 */
public final class SyntheticVictims {
    /** One record of one list, and the person it is of. */
    public record Victim(int person, int list, Names names, Sex sex, Integer age, LocalDate date, String[] pcodes,
            UUID incident) {
    }

    private record Person(int id, Entry given, Entry father, Entry grandfather, Entry mother, Entry family, Sex sex,
            int age, LocalDate date, String[] pcodes, UUID incident) {
    }

    private final Random random;
    private final List<Entry> men = new ArrayList<>();
    private final List<Entry> women = new ArrayList<>();
    private final List<Entry> families = new ArrayList<>();

    public SyntheticVictims(long seed) {
        random = new Random(seed);
        for (Entry entry : Lexicon.entries()) {
            (entry.kind().equals("m") ? men : entry.kind().equals("f") ? women : families).add(entry);
        }
    }

    /** Records of about {@code people} people from up to three lists. */
    public List<Victim> generate(int people) {
        List<Person> persons = new ArrayList<>();
        while (persons.size() < people) {
            List<Person> household = household(persons.size());
            persons.addAll(household);
            if (random.nextDouble() < 0.15 && persons.size() < people) {
                persons.addAll(namesakes(household, persons.size()));
            }
        }
        List<Victim> victims = new ArrayList<>();
        for (Person person : persons) {
            double lists = random.nextDouble();
            int count = lists < 0.45 ? 1 : lists < 0.8 ? 2 : 3;
            for (int list = 0; list < count; list++) {
                victims.add(record(person, list));
            }
        }
        return victims;
    }

    private List<Person> household(int firstId) {
        Entry family = pick(families);
        Entry father = pick(men);
        Entry grandfather = pick(men);
        Entry mother = pick(women);
        UUID incident = UUID.randomUUID();
        LocalDate date = LocalDate.of(2012, 1, 1).plusDays(random.nextInt(3000));
        String[] pcodes = place();
        int members = 1 + random.nextInt(4);
        List<Person> household = new ArrayList<>();
        List<Entry> taken = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            Sex sex = random.nextBoolean() ? Sex.MALE : Sex.FEMALE;
            Entry given;
            do {
                given = pick(sex == Sex.MALE ? men : women);
            } while (taken.contains(given) || given == father);
            taken.add(given);
            household.add(new Person(firstId + i, given, father, grandfather, mother, family, sex, random.nextInt(70),
                    date, pcodes, incident));
        }
        return household;
    }

    /** The same names in another household: elsewhere, another day, other ages. */
    private List<Person> namesakes(List<Person> household, int firstId) {
        UUID incident = UUID.randomUUID();
        LocalDate date = LocalDate.of(2012, 1, 1).plusDays(random.nextInt(3000));
        String[] pcodes = place();
        List<Person> namesakes = new ArrayList<>();
        for (Person person : household) {
            namesakes.add(new Person(firstId + namesakes.size(), person.given(), person.father(), person.grandfather(),
                    random.nextBoolean() ? person.mother() : pick(women), person.family(), person.sex(),
                    random.nextInt(70), date, pcodes, incident));
        }
        return namesakes;
    }

    private Victim record(Person person, int list) {
        double script = random.nextDouble();
        boolean arabic = script < 0.7;
        boolean latin = script >= 0.3;
        boolean withFather = random.nextDouble() < 0.75;
        boolean withGrandfather = withFather && random.nextDouble() < 0.15;
        String fullAr = null;
        String fullLatin = null;
        if (arabic) {
            List<String> parts = new ArrayList<>();
            parts.add(person.given().arabic());
            if (withFather) {
                parts.add(person.father().arabic());
            }
            if (withGrandfather) {
                parts.add(person.grandfather().arabic());
            }
            String family = person.family().arabic();
            parts.add(family.startsWith("ال") && random.nextDouble() < 0.15 ? family.substring(2) : family);
            fullAr = String.join(random.nextDouble() < 0.1 ? "" : " ", parts);
            if (random.nextDouble() < 0.08) {
                fullAr = arabicTypo(fullAr);
            }
        }
        if (latin) {
            List<String> parts = new ArrayList<>();
            parts.add(spelling(person.given()));
            if (withFather) {
                parts.add(spelling(person.father()));
            }
            if (withGrandfather) {
                parts.add(spelling(person.grandfather()));
            }
            parts.add(article(spelling(person.family())));
            fullLatin = String.join(" ", parts);
            if (random.nextDouble() < 0.08) {
                fullLatin = latinTypo(fullLatin);
            }
        }
        String mother = random.nextDouble() < 0.3 ? (arabic ? person.mother().arabic() : spelling(person.mother())) : null;
        Names names = new Names(fullAr, fullLatin, null, null, null, mother, null);
        Sex sex = random.nextDouble() < 0.1 ? Sex.UNKNOWN : person.sex();
        Integer age = random.nextDouble() < 0.15 ? null
                : Math.max(0, person.age() + (random.nextDouble() < 0.3 ? random.nextInt(5) - 2 : 0));
        LocalDate date = random.nextDouble() < 0.2 ? person.date().plusDays(random.nextBoolean() ? 1 : -1) : person.date();
        double where = random.nextDouble();
        String[] pcodes = where < 0.1 ? new String[0] : where < 0.2 ? new String[] { person.pcodes()[0] } : person.pcodes();
        UUID incident = random.nextBoolean() ? person.incident() : null;
        return new Victim(person.id(), list, names, sex, age, date, pcodes, incident);
    }

    private String spelling(Entry entry) {
        return entry.latin().get(random.nextInt(entry.latin().size()));
    }

    /** al-Hussein, Al Hussein, Alhussein, El-Hussein or Hussein, as lists write the article. */
    private String article(String family) {
        String bare = family.replaceFirst("^(?i)(al-|al |el-|el )", "");
        if (bare.equals(family)) {
            return family;
        }
        return switch (random.nextInt(5)) {
            case 0 -> "al-" + bare;
            case 1 -> "Al " + bare;
            case 2 -> "Al" + bare.toLowerCase();
            case 3 -> "El-" + bare;
            default -> bare;
        };
    }

    /** A letter left out, doubled or two swapped, inside a word (words run together are another matter). */
    private String latinTypo(String name) {
        int at;
        do {
            at = 1 + random.nextInt(name.length() - 2);
        } while (name.charAt(at) == ' ' || name.charAt(at + 1) == ' ');
        return switch (random.nextInt(3)) {
            case 0 -> name.substring(0, at) + name.substring(at + 1);
            case 1 -> name.substring(0, at) + name.charAt(at) + name.substring(at);
            default -> name.substring(0, at) + name.charAt(at + 1) + name.charAt(at) + name.substring(at + 2);
        };
    }

    private String arabicTypo(String name) {
        int at;
        do {
            at = 1 + random.nextInt(name.length() - 2);
        } while (name.charAt(at) == ' ' || name.charAt(at + 1) == ' ');
        return random.nextBoolean() ? name.substring(0, at) + name.substring(at + 1)
                : name.substring(0, at) + name.charAt(at + 1) + name.charAt(at) + name.substring(at + 2);
    }

    private String[] place() {
        int governorate = 1 + random.nextInt(14);
        int district = 1 + random.nextInt(6);
        String code = String.format("SY%02d", governorate);
        return new String[] { code, code + String.format("%02d", district) };
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
