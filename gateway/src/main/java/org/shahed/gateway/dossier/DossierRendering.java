package org.shahed.gateway.dossier;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateExtension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The dossier for people to read, in English and in Arabic (right to left), rendered from exactly the dossier's
 * JSON: nothing the JSON withholds can appear here. Values are escaped by the template engine.
 */
@ApplicationScoped
public class DossierRendering {
    @Inject
    @Location("dossier.html")
    Template template;
    @Inject
    ObjectMapper json;

    /** The languages a packet is rendered in. */
    public static final Map<String, String> LANGUAGES = Map.of("en", "ltr", "ar", "rtl");

    @SuppressWarnings("unchecked")
    public byte[] render(ObjectNode dossier, String lang) {
        Map<String, Object> data = json.convertValue(dossier, Map.class);
        return template.data("dossier", data).data("incident", data.get("incident")).data("lang", lang)
                .data("dir", LANGUAGES.get(lang)).data("labels", "ar".equals(lang) ? ARABIC : ENGLISH).render()
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Lookups the template uses on the dossier's maps. */
    @TemplateExtension
    static final class Values {
        private Values() {
        }

        /** A text in the reader's language, else in English, else in any language it has. */
        static Object in(Map<String, Object> texts, String lang) {
            if (texts.get(lang) != null) {
                return texts.get(lang);
            }
            return texts.get("en") != null ? texts.get("en") : texts.values().stream().findFirst().orElse("");
        }

        /** A testimony's statement as given when given in the reader's language, else its translation, else as given. */
        @SuppressWarnings("unchecked")
        static Object statementIn(Map<String, Object> testimony, String lang) {
            Object translations = testimony.get("translations");
            if (!lang.equals(testimony.get("language")) && translations instanceof Map<?, ?> map && map.get(lang) != null) {
                return map.get(lang);
            }
            return testimony.get("statement");
        }

        /** A count range: "62", "62–70", or "≥ 30" when only a minimum is known. */
        static String range(Map<String, Object> range) {
            Object min = range.get("min");
            Object max = range.get("max");
            if (max == null) {
                return "≥ " + min;
            }
            return min.equals(max) ? String.valueOf(min) : min + "–" + max;
        }
    }

    private static final Map<String, String> ENGLISH = Map.ofEntries(Map.entry("dossier", "Incident dossier"),
            Map.entry("version", "version"), Map.entry("asOf", "as of"), Map.entry("status", "Status"),
            Map.entry("date", "Date"), Map.entry("place", "Place"), Map.entry("types", "Types"),
            Map.entry("patterns", "Patterns"), Map.entry("areaControl", "Control of the area on that date"),
            Map.entry("ongoing", "ongoing"), Map.entry("source", "Source"), Map.entry("none", "None known to this reader."),
            Map.entry("perpetrators", "Alleged perpetrators"), Map.entry("involvement", "involvement"),
            Map.entry("confidence", "confidence"), Map.entry("basis", "Basis"), Map.entry("linked", "Linked incidents"),
            Map.entry("minutes", "minutes later"), Map.entry("firstResponders", "first responders harmed"),
            Map.entry("casualties", "Casualties"), Map.entry("killed", "Killed"), Map.entry("children", "Children"),
            Map.entry("women", "Women"), Map.entry("injured", "Injured"), Map.entry("named", "Named records"),
            Map.entry("reported", "Reported"), Map.entry("record", "Record"), Map.entry("name", "Name"),
            Map.entry("sex", "Sex"), Map.entry("age", "Age"), Map.entry("outcome", "Outcome"),
            Map.entry("withheld", "withheld"), Map.entry("more", "More records: see the API's next page."),
            Map.entry("testimonies", "Testimonies"), Map.entry("identity", "Identity"),
            Map.entry("legal", "Legal qualification"), Map.entry("standard", "standard of proof"),
            Map.entry("established", "established"), Map.entry("notEstablished", "not established"),
            Map.entry("media", "Evidence files"), Map.entry("kind", "Kind"), Map.entry("verification", "Verification"),
            Map.entry("fixity", "Last fixity check"), Map.entry("reports", "Reports citing this incident"));

    private static final Map<String, String> ARABIC = Map.ofEntries(Map.entry("dossier", "ملف الحادثة"),
            Map.entry("version", "الإصدار"), Map.entry("asOf", "بتاريخ"), Map.entry("status", "الحالة"),
            Map.entry("date", "التاريخ"), Map.entry("place", "المكان"), Map.entry("types", "النوع"),
            Map.entry("patterns", "الأنماط"), Map.entry("areaControl", "السيطرة على المنطقة في ذلك التاريخ"),
            Map.entry("ongoing", "مستمرة"), Map.entry("source", "المصدر"), Map.entry("none", "لا شيء معروف لهذا القارئ."),
            Map.entry("perpetrators", "الجهات المتهمة"), Map.entry("involvement", "نوع التورط"),
            Map.entry("confidence", "درجة الثقة"), Map.entry("basis", "الأساس"), Map.entry("linked", "حوادث مرتبطة"),
            Map.entry("minutes", "دقيقة بعدها"), Map.entry("firstResponders", "إصابة المسعفين"),
            Map.entry("casualties", "الضحايا"), Map.entry("killed", "القتلى"), Map.entry("children", "الأطفال"),
            Map.entry("women", "النساء"), Map.entry("injured", "الجرحى"), Map.entry("named", "السجلات الاسمية"),
            Map.entry("reported", "المُبلغ عنه"), Map.entry("record", "السجل"), Map.entry("name", "الاسم"),
            Map.entry("sex", "الجنس"), Map.entry("age", "العمر"), Map.entry("outcome", "المآل"),
            Map.entry("withheld", "محجوب"), Map.entry("more", "سجلات أخرى: انظر الصفحة التالية في الواجهة البرمجية."),
            Map.entry("testimonies", "الشهادات"), Map.entry("identity", "الهوية"),
            Map.entry("legal", "التوصيف القانوني"), Map.entry("standard", "معيار الإثبات"),
            Map.entry("established", "ثابت"), Map.entry("notEstablished", "غير ثابت"),
            Map.entry("media", "ملفات الأدلة"), Map.entry("kind", "النوع"), Map.entry("verification", "التحقق"),
            Map.entry("fixity", "آخر فحص للسلامة"), Map.entry("reports", "التقارير التي تذكر هذه الحادثة"));
}
