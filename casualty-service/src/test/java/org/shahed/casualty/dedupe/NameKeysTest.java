package org.shahed.casualty.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.shahed.casualty.record.CasualtyInput;

/** Name folding and blocking keys, without the service: the rules de-duplication and search rely on. */
class NameKeysTest {
    @Test
    void arabicSpellingsOfOneNameFoldTogether() {
        assertThat(NameKeys.normalise("مُحَمَّد")).isEqualTo("محمد");
        assertThat(NameKeys.normalise("أحمد")).isEqualTo(NameKeys.normalise("احمد"));
        assertThat(NameKeys.normalise("فاطمة")).isEqualTo(NameKeys.normalise("فاطمه"));
        assertThat(NameKeys.normalise("مصطفى")).isEqualTo(NameKeys.normalise("مصطفي"));
    }

    @Test
    void latinTransliterationsFoldTogether() {
        assertThat(NameKeys.normalise("Mo7ammad Al-Qouriyah")).isEqualTo("mohamad kuriyah");
        assertThat(NameKeys.normalise("Mohammed el Kuriyah")).isEqualTo("mohamed kuriyah");
        assertThat(NameKeys.normalise("7amid")).isEqualTo("hamid");
        assertThat(NameKeys.normalise("Sale7 17")).isEqualTo("saleh 17");
    }

    @Test
    void numbersAreKeptAsTheyAreAndGetNoPhoneticCode() {
        // "7" stands for ح only next to letters; in a number it is a digit.
        assertThat(NameKeys.normalise("Victim 17")).isEqualTo("victim 17");
        assertThat(NameKeys.keys(latin("17"))).contains("n:17").noneMatch(key -> key.startsWith("b:"));
    }

    @Test
    void spellingsThatFoldTogetherShareEveryKey() {
        assertThat(NameKeys.keys(latin("Mo7ammad"))).isEqualTo(NameKeys.keys(latin("Mohammad")))
                .contains("n:mohamad", NameKeys.VERSION).anyMatch(key -> key.startsWith("b:"));
        assertThat(NameKeys.keys(latin("Ahmad"))).doesNotContainAnyElementsOf(
                NameKeys.keys(latin("Fatima")).stream().filter(key -> key.startsWith("n:")).toList());
    }

    @Test
    void theArabicAndLatinNamesOfOnePersonShareABlockingKey() {
        assertThat(blocking(latin("Khaleel Yousef Alhussein"))).containsAnyElementsOf(blocking(arabic("خليل يوسف الحسين")));
        // Without the father's name, given and family name still meet.
        assertThat(blocking(latin("Khalil al-Hussein"))).containsAnyElementsOf(blocking(arabic("خليل يوسف الحسين")));
        assertThat(blocking(arabic("عبدالرحيمخليلالحسين"))).containsAnyElementsOf(blocking(latin("Abd al-Rahim Khalil Hussein")));
        assertThat(blocking(latin("Ahmad Khalaf al-Hassan"))).doesNotContainAnyElementsOf(blocking(latin("Fatima Ali al-Omar")));
    }

    private static java.util.List<String> blocking(CasualtyInput.Names names) {
        return NameKeys.keys(names).stream().filter(key -> key.startsWith("b:")).toList();
    }

    private static CasualtyInput.Names arabic(String name) {
        return new CasualtyInput.Names(name, null, null, null, null, null, null);
    }

    private static CasualtyInput.Names latin(String name) {
        return new CasualtyInput.Names(null, name, null, null, null, null, null);
    }
}
