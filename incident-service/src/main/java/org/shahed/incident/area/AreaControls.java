package org.shahed.incident.area;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.shahed.incident.thesaurus.Thesauri;
import org.shahed.incident.thesaurus.Vocabulary;
import org.shahed.platform.web.Problems;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** The area-control timeline: who held which area when, queryable as of any date. */
@ApplicationScoped
public class AreaControls {
    @Inject
    Thesauri thesauri;

    @Transactional
    public AreaControl add(AreaControlInput input, String by) {
        thesauri.requireActive(Vocabulary.PARTY, input.party(), "party");
        if (input.validTo() != null && input.validTo().isBefore(input.validFrom())) {
            throw Problems.invalidField("validTo", "must not be before validFrom");
        }
        long overlapping = AreaControl.count(
                "areaPcode = ?1 and validFrom <= ?3 and (validTo is null or validTo >= ?2)",
                input.areaPcode(), input.validFrom(), input.validTo() == null ? LocalDate.of(9999, 12, 31) : input.validTo());
        if (overlapping > 0) {
            throw Problems.conflict("another period of control of " + input.areaPcode() + " overlaps this one");
        }
        AreaControl control = new AreaControl();
        control.id = UUID.randomUUID();
        control.areaPcode = input.areaPcode();
        control.partyCode = input.party();
        control.validFrom = input.validFrom();
        control.validTo = input.validTo();
        control.source = input.source();
        control.createdAt = Instant.now();
        control.createdBy = by;
        control.persist();
        return control;
    }

    public List<AreaControl> timeline(String pcode) {
        return AreaControl.list("areaPcode = ?1 order by validFrom", pcode);
    }

    /** The party controlling the most specific of {@code pcodes} (listed most specific first) on {@code date}. */
    public Optional<AreaControl> controlling(List<String> pcodes, LocalDate date) {
        for (String pcode : pcodes) {
            Optional<AreaControl> found = controlling(pcode, date);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The party controlling the area {@code pcode} on {@code date}, if the timeline says. */
    public Optional<AreaControl> controlling(String pcode, LocalDate date) {
        return AreaControl.<AreaControl>find("areaPcode = ?1 and validFrom <= ?2 and (validTo is null or validTo >= ?2)",
                pcode, date).firstResultOptional();
    }
}
