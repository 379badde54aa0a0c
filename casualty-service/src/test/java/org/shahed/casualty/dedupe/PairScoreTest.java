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
        assertThat(candidate.reasons()).contains("names", "father's name", "sex", "age", "same incident", "same place");
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
        // Their full names agree closely (father's and family name are shared); the age and the given name keep
        // them apart.
        assertThat(candidate.reasons()).doesNotContain("age").contains("father's name", "same incident");
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

        assertThat(PairScore.of(listed, unattributed).reasons()).contains("same date").doesNotContain("same incident");
    }

    private static Person person(String latin, String arabic, String father, Sex sex, Integer age, UUID incident) {
        Names names = new Names(arabic, latin, latin.split(" ")[0], father, null, null, null);
        String[] keys = NameKeys.keys(names).toArray(String[]::new);
        return new Person(UUID.randomUUID(), names, sex, age, keys, incident, STRIKE_DAY, AL_QOURIYAH_PLACE);
    }
}
