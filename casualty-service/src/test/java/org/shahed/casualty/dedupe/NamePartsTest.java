package org.shahed.casualty.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Name structure and sound across scripts, each rule with an example from both. */
class NamePartsTest {
    @Test
    void theArticleIsNotAPartInEitherScriptNorInItsAssimilatedForms() {
        assertThat(NameParts.of("خليل يوسف الحسين")).containsExactly("خليل", "يوسف", "حسين");
        assertThat(NameParts.of("Khaleel Yousef Alhussein")).containsExactly("khaleel", "yousef", "hussein");
        assertThat(NameParts.of("Khalil Yusuf al-Hussein")).containsExactly("khalil", "yusuf", "hussein");
        assertThat(NameParts.of("Ahmad El Hussein")).containsExactly("ahmad", "hussein");
        assertThat(NameParts.of("Omar ash-Shami")).containsExactly("omar", "shami");
        assertThat(NameParts.of("عمر الشامي")).containsExactly("عمر", "شامي");
        // "Ali" and "Alaa" begin with al, but with no article in them.
        assertThat(NameParts.of("Ali Alaa")).containsExactly("ali", "alaa");
    }

    @Test
    void compoundsStayOnePart() {
        List<String> abdAllah = List.of("abd lah");
        assertThat(NameParts.of("عبد الله")).containsExactly("abd له");
        assertThat(NameParts.of("Abdullah")).isEqualTo(abdAllah);
        assertThat(NameParts.of("Abd Allah")).isEqualTo(abdAllah);
        assertThat(NameParts.of("Abdallah")).isEqualTo(abdAllah);
        assertThat(sounds("عبد الرحمن", "عبدالرحمن", "Abd al-Rahman", "Abdul Rahman", "Abdulrahman", "Abdurrahman",
                "Abdelrahman")).containsOnly("BDRHMN");
        assertThat(sounds("أبو بكر", "Abu Bakr", "Abou Bakr")).containsOnly("BBKR");
        assertThat(NameParts.of("Umm Ahmad")).containsExactly("umm ahmad");
        assertThat(sounds("نور الدين", "Nour al-Din", "Nour Eddine", "Nureddin")).containsOnly("NRDN");
    }

    @Test
    void connectorsAreNotParts() {
        assertThat(NameParts.of("Mohammad bin Ahmad")).containsExactly("mohammad", "ahmad");
        assertThat(NameParts.of("محمد بن أحمد")).containsExactly("محمد", "احمد");
    }

    @Test
    void anArabicNameWithoutSpacesIsCutAgainstTheLexicon() {
        assertThat(NameParts.of("عبدالرحيمخليلالحسين")).containsExactly("abd رحيم", "خليل", "حسين");
        assertThat(NameParts.of("محمدأحمدالخلف")).containsExactly("محمد", "احمد", "خلف");
        // A word the lexicon cannot cover stays whole.
        assertThat(NameParts.of("قصقصقصقص")).containsExactly("قصقصقصقص");
    }

    @Test
    void bothScriptsSoundAlike() {
        assertThat(sounds("خليل", "Khaleel", "Khalil")).containsOnly("KLL");
        assertThat(sounds("يوسف", "Yousef", "Youssef", "Yusuf")).containsOnly("SF");
        assertThat(sounds("فاطمة", "Fatima", "Fatimah", "Fatma")).containsOnly("FTM");
        assertThat(sounds("صالح", "Saleh", "Salih")).containsOnly("SL");
        assertThat(sounds("قاسم", "Qasem", "Kassem")).containsOnly("KSM");
        assertThat(sounds("شادي", "Shadi", "Chadi")).containsOnly("CD");
        assertThat(sounds("محمد", "Mohammad", "Mo7ammad", "Mhd")).containsOnly("MHMD");
    }

    @Test
    void longVowelsTellApartNamesOfTheSameConsonants() {
        assertThat(agree("محمد", "Mohammad")).isTrue();
        assertThat(agree("محمد", "Muhammad")).isTrue();
        assertThat(agree("محمود", "Mahmoud")).isTrue();
        assertThat(agree("محمود", "Mohammad")).isFalse();
        assertThat(agree("Mahmoud", "Mohammed")).isFalse();
        assertThat(agree("حسين", "Hussein")).isTrue();
        assertThat(agree("حسن", "Hassan")).isTrue();
        assertThat(agree("حسن", "Hussein")).isFalse();
        assertThat(agree("Hasan", "Husain")).isFalse();
        assertThat(agree("عمر", "Omar")).isTrue();
        assertThat(agree("عامر", "Omar")).isFalse();
        assertThat(agree("سعد", "Saad")).isTrue();
    }

    private static List<String> sounds(String... names) {
        return java.util.Arrays.stream(names).map(name -> NameParts.skeleton(String.join(" ", NameParts.of(name)))).toList();
    }

    private static boolean agree(String a, String b) {
        NameParts.Sound left = NameParts.sound(NameParts.of(a).get(0));
        NameParts.Sound right = NameParts.sound(NameParts.of(b).get(0));
        return left.consonants().equals(right.consonants()) && left.vowelsAgree(right);
    }
}
