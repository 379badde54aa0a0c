package org.shahed.incident.thesaurus;

import java.time.Instant;
import java.util.List;

import org.shahed.platform.web.Problems;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Controlled vocabularies: reading them, extending them, and checking codes used in records. */
@ApplicationScoped
public class Thesauri {

    /** Rejects {@code code} unless it is an active term of {@code vocabulary}; {@code field} names it in the error. */
    public void requireActive(String vocabulary, String code, String field) {
        if (code != null && !isActive(vocabulary, code)) {
            throw Problems.invalidField(field, "'" + code + "' is not a term of the " + vocabulary + " thesaurus");
        }
    }

    /** Whether {@code code} is an active term of {@code vocabulary}. */
    public boolean isActive(String vocabulary, String code) {
        ThesaurusTerm term = ThesaurusTerm.findById(new ThesaurusTerm.Key(vocabulary, code));
        return term != null && term.active;
    }

    public void requireActive(String vocabulary, List<String> codes, String field) {
        if (codes == null) {
            return;
        }
        for (int i = 0; i < codes.size(); i++) {
            requireActive(vocabulary, codes.get(i), field + "[" + i + "]");
        }
    }

    public List<String> vocabularies() {
        return ThesaurusTerm.getEntityManager()
                .createQuery("select distinct t.vocabulary from ThesaurusTerm t order by 1", String.class)
                .getResultList();
    }

    public List<ThesaurusTerm> terms(String vocabulary, boolean includeInactive) {
        return includeInactive
                ? ThesaurusTerm.list("vocabulary = ?1 order by code", vocabulary)
                : ThesaurusTerm.list("vocabulary = ?1 and active = true order by code", vocabulary);
    }

    /** Adds a term or changes its labels or activity; codes themselves never change. */
    @Transactional
    public ThesaurusTerm put(String vocabulary, String code, TermInput input) {
        ThesaurusTerm term = ThesaurusTerm.findById(new ThesaurusTerm.Key(vocabulary, code));
        boolean fixed = ThesaurusTerm.getEntityManager().createNativeQuery("select count(*) from fixed_vocabulary where name = :name")
                .setParameter("name", vocabulary).getSingleResult() instanceof Number n && n.longValue() > 0;
        if (fixed && (term == null || Boolean.FALSE.equals(input.active()))) {
            // The labels of an enumeration of the API: its codes are what the services accept and return.
            throw Problems.conflict("the codes of " + vocabulary + " are fixed by the API; only their labels change");
        }
        if (term == null) {
            term = new ThesaurusTerm();
            term.vocabulary = vocabulary;
            term.code = code;
        }
        term.labelEn = input.labelEn();
        term.labelAr = input.labelAr();
        term.description = input.description();
        term.active = input.active() == null || input.active();
        term.updatedAt = Instant.now();
        term.persist();
        return term;
    }
}
