package org.shahed.casualty.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.shahed.casualty.dedupe.PairScore.Person;
import org.shahed.casualty.record.CasualtyInput.Names;
import org.shahed.casualty.record.CasualtyInput.Sex;

/** Duplicate scoring without the service: what makes two records of the Al Qouriyah list one person, or two. */
class PairScoreTest {
    private static final UUID AL_QOURIYAH = UUID.fromString("0b7d5e2a-6a4f-4c1e-9d35-2016062500a1");
    private static final LocalDate STRIKE_DAY = LocalDate.of(2016, 6, 25);
    private static final String[] AL_QOURIYAH_PLACE = { "SY09", "SY0903" };

    @Test
    void theSameVictimFromTwoListsScoresAboveTheDefaultThresholdWithItsReasons() {
        Person fromFieldList = person("Ahmad Khalaf al-Hassan", "أحمد خلف الحسن", "Khalaf", Sex.MALE, 30, AL_QOURIYAH);
        Person fromHospitalList = person("Ahmed Khalaf al-Hasan", "احمد خلف الحسن", "Khalaf", Sex.MALE, 31, AL_QOURIYAH);

        Candidate candidate = PairScore.of(fromFieldList, fromHospitalList);

        assertThat(candidate.recordId()).isEqualTo(fromFieldList.id());
        assertThat(candidate.candidateId()).isEqualTo(fromHospitalList.id());
        assertThat(candidate.score()).isGreaterThanOrEqualTo(DuplicateCandidates.DEFAULT_MIN_SCORE).isLessThanOrEqualTo(1);
        assertThat(candidate.reasons()).contains("given name", "father's name", "family name", "sex", "age", "same incident", "place");
    }

    @Test
    void aKnownDifferentSexRulesThePairOutWhileAnUnknownSexDoesNot() {
        Person brother = person("Ahmad Khalaf al-Hassan", "أحمد خلف الحسن", "Khalaf", Sex.MALE, 30, AL_QOURIYAH);
        Person sameNameOtherSex = person("Ahmad Khalaf al-Hassan", "أحمد خلف الحسن", "Khalaf", Sex.FEMALE, 30, AL_QOURIYAH);
        Person sexNotRecorded = person("Ahmad Khalaf al-Hassan", "أحمد خلف الحسن", "Khalaf", Sex.UNKNOWN, 30, AL_QOURIYAH);

        assertThat(PairScore.of(brother, sameNameOtherSex)).isNull();
        assertThat(PairScore.of(brother, sexNotRecorded)).isNotNull()
                .satisfies(candidate -> assertThat(candidate.reasons()).doesNotContain("sex"));
    }

    @Test
    void siblingsOfOneFamilyInOneStrikeScoreBelowTheThreshold() {
        Person brother = person("Ahmad Khalaf al-Hassan", "أحمد خلف الحسن", "Khalaf", Sex.MALE, 30, AL_QOURIYAH);
        Person youngerBrother = person("Mahmoud Khalaf al-Hassan", "محمود خلف الحسن", "Khalaf", Sex.MALE, 12, AL_QOURIYAH);

        Candidate candidate = PairScore.of(brother, youngerBrother);

        assertThat(candidate.score()).isLessThan(DuplicateCandidates.DEFAULT_MIN_SCORE);
        // Father's and family name are shared; the given name and the age keep them apart.
        assertThat(candidate.reasons()).doesNotContain("age", "given name").contains("father's name", "family name", "same incident");
    }

    @Test
    void agesFarApartLowerTheScoreOfOtherwiseEqualRecords() {
        Person adult = person("Ahmad Khalaf al-Hassan", "أحمد خلف الحسن", "Khalaf", Sex.MALE, 30, AL_QOURIYAH);
        Person nearAge = person("Ahmad Khalaf al-Hassan", "أحمد خلف الحسن", "Khalaf", Sex.MALE, 32, AL_QOURIYAH);
        Person farAge = person("Ahmad Khalaf al-Hassan", "أحمد خلف الحسن", "Khalaf", Sex.MALE, 60, AL_QOURIYAH);

        assertThat(PairScore.of(adult, farAge).score()).isLessThan(PairScore.of(adult, nearAge).score());
    }

    @Test
    void withoutASharedIncidentTheSameDayOfDeathStillCounts() {
        Person listed = person("Fatima Khalaf al-Hassan", "فاطمة خلف الحسن", "Khalaf", Sex.FEMALE, 8, AL_QOURIYAH);
        Person unattributed = person("Fatima Khalaf al-Hassan", "فاطمه خلف الحسن", "Khalaf", Sex.FEMALE, 8, null);

        assertThat(PairScore.of(listed, unattributed).reasons()).contains("date of death").doesNotContain("same incident");
    }

    @Test
    void oneVictimInArabicOnlyAndInLatinOnlyIsProposed() {
        Person arabicList = only("خليل يوسف الحسين", null, Sex.MALE, 40);
        Person latinList = only(null, "Khaleel Yousef Alhussein", Sex.MALE, 41);

        Candidate candidate = PairScore.of(arabicList, latinList);

        assertThat(candidate.score()).isGreaterThanOrEqualTo(DuplicateCandidates.DEFAULT_MIN_SCORE);
        assertThat(candidate.reasons()).contains("given name", "father's name", "family name");
    }

    @Test
    void anArabicNameWrittenWithoutSpacesMatchesTheSpacedOne() {
        Person spaced = only("عبد الرحيم خليل الحسين", null, Sex.MALE, 22);
        Person unspaced = only("عبدالرحيمخليلالحسين", null, Sex.MALE, 22);
        Person romanised = only(null, "Abdulrahim Khalil al-Hussein", Sex.MALE, 22);

        assertThat(PairScore.of(spaced, unspaced).score()).isGreaterThanOrEqualTo(DuplicateCandidates.DEFAULT_MIN_SCORE);
        assertThat(PairScore.of(unspaced, romanised).score()).isGreaterThanOrEqualTo(DuplicateCandidates.DEFAULT_MIN_SCORE);
    }

    @Test
    void namesSharingTheirConsonantsButNotTheirVowelsAreDifferentPeople() {
        // محمد and محمود, حسن and حسين: the same consonants; only the long vowels tell them apart.
        Person mohammad = only(null, "Mohammad Ahmad al-Hassan", Sex.MALE, 30);
        Person mahmoud = only("محمود أحمد الحسن", null, Sex.MALE, 30);
        Person hussein = only(null, "Mohammad Ahmad al-Hussein", Sex.MALE, 30);

        assertThat(PairScore.of(mohammad, mahmoud).score()).isLessThan(DuplicateCandidates.DEFAULT_MIN_SCORE);
        assertThat(PairScore.of(mohammad, mahmoud).reasons()).doesNotContain("given name");
        assertThat(PairScore.of(mohammad, hussein).reasons()).doesNotContain("family name");
    }

    @Test
    void aMissingValueNeitherRaisesNorLowersTheScore() {
        Person withAge = only(null, "Khalil Yousef Alhussein", Sex.MALE, 40);
        Person otherWithAge = only("خليل يوسف الحسين", null, Sex.MALE, 40);
        Person withoutAge = only("خليل يوسف الحسين", null, Sex.MALE, null);
        Person withoutSex = only("خليل يوسف الحسين", null, Sex.UNKNOWN, 40);

        double both = PairScore.of(withAge, otherWithAge).score();
        double missingAge = PairScore.of(withAge, withoutAge).score();
        assertThat(missingAge).isLessThan(both);
        assertThat(PairScore.of(withAge, withoutSex).score()).isLessThan(both);
        // Nothing known of the age is not a disagreement: it scores above a record whose age is far off.
        assertThat(missingAge).isGreaterThan(PairScore.of(withAge, only("خليل يوسف الحسين", null, Sex.MALE, 70)).score());
    }

    private static Person only(String arabic, String latin, Sex sex, Integer age) {
        Names names = new Names(arabic, latin, null, null, null, null, null);
        return new Person(UUID.randomUUID(), NameReadings.of(names), sex, age, null, null, null);
    }

    private static Person person(String latin, String arabic, String father, Sex sex, Integer age, UUID incident) {
        Names names = new Names(arabic, latin, latin.split(" ")[0], father, null, null, null);
        return new Person(UUID.randomUUID(), NameReadings.of(names), sex, age, incident, STRIKE_DAY, AL_QOURIYAH_PLACE);
    }
}
