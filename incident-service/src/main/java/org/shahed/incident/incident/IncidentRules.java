package org.shahed.incident.incident;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.shahed.incident.area.AreaControls;
import org.shahed.incident.incident.IncidentInput.AdminArea;
import org.shahed.incident.incident.IncidentInput.Location;
import org.shahed.incident.incident.IncidentInput.Range;
import org.shahed.incident.thesaurus.Thesauri;
import org.shahed.incident.thesaurus.Vocabulary;
import org.shahed.platform.web.Problems;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What the annotations on {@link IncidentInput} cannot say: dates in order and not in the future, codes from the
 * thesauri, coordinates in pairs, claims that exist. Each failure names the field. Also resolves the party that
 * controlled the place at the time when the analyst did not give it.
 */
@ApplicationScoped
public class IncidentRules {
    /** Clocks of sources and servers differ a little; a start a few minutes ahead is not "the future". */
    private static final long FUTURE_TOLERANCE_MINUTES = 10;

    private final Thesauri thesauri;
    private final AreaControls areaControls;

    @Inject
    public IncidentRules(Thesauri thesauri, AreaControls areaControls) {
        this.thesauri = thesauri;
        this.areaControls = areaControls;
    }

    /** Checks {@code facts} and returns them with {@code location.controllingParty} resolved. */
    public IncidentInput checkAndResolve(IncidentInput facts) {
        Instant latest = Instant.now().plus(FUTURE_TOLERANCE_MINUTES, ChronoUnit.MINUTES);
        Instant start = facts.start().at().toInstant();
        if (start.isAfter(latest)) {
            throw Problems.invalidField("start.at", "must not be in the future");
        }
        if (facts.end() != null) {
            Instant end = facts.end().at().toInstant();
            if (end.isAfter(latest)) {
                throw Problems.invalidField("end.at", "must not be in the future");
            }
            if (end.isBefore(start)) {
                throw Problems.invalidField("end.at", "must not be before start.at");
            }
        }
        if (facts.timeZone() != null) {
            try {
                ZoneId.of(facts.timeZone());
            } catch (DateTimeException e) {
                throw Problems.invalidField("timeZone", "not an IANA time zone such as Asia/Damascus");
            }
        }
        thesauri.requireActive(Vocabulary.INCIDENT_TYPE, facts.types(), "types");
        thesauri.requireActive(Vocabulary.PATTERN_FLAG, facts.patternFlags(), "patternFlags");
        checkLocation(facts.location());
        Set<String> claims = checkSources(facts);
        if (facts.perpetrators() != null) {
            for (int i = 0; i < facts.perpetrators().size(); i++) {
                var perpetrator = facts.perpetrators().get(i);
                thesauri.requireActive(Vocabulary.PARTY, perpetrator.party(), "perpetrators[" + i + "].party");
                requireClaims(perpetrator.claimIds(), claims, "perpetrators[" + i + "].claimIds");
            }
        }
        if (facts.means() != null) {
            thesauri.requireActive(Vocabulary.WEAPON, facts.means().weapons(), "means.weapons");
            checkRange(facts.means().munitions(), "means.munitions");
            requireClaims(facts.means().claimIds(), claims, "means.claimIds");
        }
        if (facts.militaryObjective() != null) {
            requireClaims(facts.militaryObjective().claimIds(), claims, "militaryObjective.claimIds");
        }
        if (facts.damage() != null) {
            checkRange(facts.damage().housesDestroyed(), "damage.housesDestroyed");
            checkRange(facts.damage().shopsDestroyed(), "damage.shopsDestroyed");
            requireClaims(facts.damage().claimIds(), claims, "damage.claimIds");
        }
        return withControllingParty(facts, start);
    }

    private void checkLocation(Location location) {
        if ((location.latitude() == null) != (location.longitude() == null)) {
            throw Problems.invalidField(location.latitude() == null ? "location.latitude" : "location.longitude",
                    "latitude and longitude go together");
        }
        thesauri.requireActive(Vocabulary.PARTY, location.controllingParty(), "location.controllingParty");
        if (location.adminAreas() != null) {
            Set<Integer> levels = new HashSet<>();
            for (int i = 0; i < location.adminAreas().size(); i++) {
                if (!levels.add(location.adminAreas().get(i).level())) {
                    throw Problems.invalidField("location.adminAreas[" + i + "].level", "each level at most once");
                }
            }
        }
    }

    private Set<String> checkSources(IncidentInput facts) {
        Set<String> sourceIds = new HashSet<>();
        Set<String> claimIds = new HashSet<>();
        if (facts.sources() == null) {
            return claimIds;
        }
        for (int i = 0; i < facts.sources().size(); i++) {
            var source = facts.sources().get(i);
            if (!sourceIds.add(source.id())) {
                throw Problems.invalidField("sources[" + i + "].id", "'" + source.id() + "' is used twice");
            }
            thesauri.requireActive(Vocabulary.SOURCE_TYPE, source.type(), "sources[" + i + "].type");
            if (source.claims() != null) {
                for (int j = 0; j < source.claims().size(); j++) {
                    if (!claimIds.add(source.claims().get(j).id())) {
                        throw Problems.invalidField("sources[" + i + "].claims[" + j + "].id",
                                "'" + source.claims().get(j).id() + "' is used twice");
                    }
                }
            }
        }
        return claimIds;
    }

    private static void requireClaims(List<String> cited, Set<String> known, String field) {
        if (cited == null) {
            return;
        }
        for (int i = 0; i < cited.size(); i++) {
            if (!known.contains(cited.get(i))) {
                throw Problems.invalidField(field + "[" + i + "]", "no claim '" + cited.get(i) + "' among the sources");
            }
        }
    }

    private static void checkRange(Range range, String field) {
        if (range != null && range.min() != null && range.max() != null && range.max() < range.min()) {
            throw Problems.invalidField(field + ".max", "must not be below min");
        }
    }

    private IncidentInput withControllingParty(IncidentInput facts, Instant start) {
        Location location = facts.location();
        if (location.controllingParty() != null || location.adminAreas() == null || location.adminAreas().isEmpty()) {
            return facts;
        }
        List<AdminArea> areas = new ArrayList<>(location.adminAreas());
        areas.sort((a, b) -> Integer.compare(b.level(), a.level()));
        LocalDate day = LocalDate.ofInstant(start, ZoneOffset.UTC);
        return areaControls.controlling(areas.stream().map(AdminArea::pcode).toList(), day)
                .map(control -> new IncidentInput(facts.title(), facts.narrative(), facts.types(), facts.start(),
                        facts.end(), facts.timeZone(),
                        new Location(location.placeName(), location.aliases(), location.neighbourhood(),
                                location.adminAreas(), location.latitude(), location.longitude(),
                                location.precisionMetres(), control.partyCode),
                        facts.perpetrators(), facts.means(), facts.patternFlags(), facts.militaryObjective(),
                        facts.damage(), facts.sources()))
                .orElse(facts);
    }
}
