package org.shahed.incident.thesaurus;

import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Term", description = "A thesaurus term: stable code and labels per language")
public record TermView(
        @Schema(example = "incident-type") String vocabulary,
        @Schema(example = "airstrike") String code,
        @Schema(example = "{\"en\": \"Airstrike\", \"ar\": \"غارة جوية\"}") Map<String, String> label,
        String description,
        boolean active,
        Instant updatedAt) {

    static TermView of(ThesaurusTerm term) {
        return new TermView(term.vocabulary, term.code, Map.of("en", term.labelEn, "ar", term.labelAr),
                term.description, term.active, term.updatedAt);
    }
}
