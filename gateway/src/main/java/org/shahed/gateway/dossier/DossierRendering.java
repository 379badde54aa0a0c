package org.shahed.gateway.dossier;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Properties;
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
                .data("dir", LANGUAGES.get(lang)).data("labels", LABELS.get(lang)).render()
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

    /** The words of the page in {@code lang}, from {@code dossier/labels_<lang>.properties}. */
    private static Map<String, String> labels(String lang) {
        Properties labels = new Properties();
        try (var in = DossierRendering.class.getResourceAsStream("/dossier/labels_" + lang + ".properties")) {
            if (in == null) {
                throw new IOException("missing");
            }
            labels.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("the dossier's labels in " + lang + " cannot be read", e);
        }
        Map<String, String> byKey = new HashMap<>();
        labels.stringPropertyNames().forEach(key -> byKey.put(key, labels.getProperty(key)));
        return Map.copyOf(byKey);
    }

    private static final Map<String, Map<String, String>> LABELS = Map.of("en", labels("en"), "ar", labels("ar"));
}
