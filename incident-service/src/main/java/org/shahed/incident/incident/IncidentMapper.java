package org.shahed.incident.incident;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.shahed.incident.events.IncidentEvent;
import org.shahed.platform.security.Audience;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Between the stored incident (document plus derived columns) and the API's records. */
@ApplicationScoped
public class IncidentMapper {
    private final ObjectMapper json;

    @Inject
    public IncidentMapper(ObjectMapper json) {
        this.json = json;
    }

    public IncidentInput facts(Incident incident) {
        return read(incident.document, IncidentInput.class);
    }

    /**
     * The incident as {@code audience} may read it: the documented facts are written to be published (sources
     * are described without identities, which belong in testimonies); staff also learn who wrote and changed it.
     */
    public IncidentView view(Incident incident, Audience audience) {
        CasualtySummary summary = incident.casualtySummary == null ? null
                : read(incident.casualtySummary, CasualtySummary.class);
        boolean staff = audience.isStaff();
        return new IncidentView(incident.id, incident.reference, incident.statusValue(), incident.version,
                facts(incident), summary, incident.createdAt, staff ? incident.createdBy : null,
                incident.updatedAt, staff ? incident.updatedBy : null, incident.publishedAt,
                incident.retractionReason, incident.mergedInto);
    }

    /** Stores {@code facts} (with the controlling party resolved) and derives the columns lists filter on. */
    public void apply(Incident incident, IncidentInput facts) {
        incident.document = write(facts);
        incident.types = array(facts.types());
        incident.startAt = facts.start().at().toInstant();
        incident.endAt = facts.end() == null ? null : facts.end().at().toInstant();
        IncidentInput.Location location = facts.location();
        incident.adminPcodes = array(nullSafe(location.adminAreas()).stream().map(IncidentInput.AdminArea::pcode).toList());
        incident.latitude = location.latitude();
        incident.longitude = location.longitude();
        incident.controllingParty = location.controllingParty();
        incident.perpetratorParties = array(nullSafe(facts.perpetrators()).stream()
                .map(IncidentInput.Perpetrator::party).distinct().toList());
        incident.attributionGrades = array(nullSafe(facts.perpetrators()).stream()
                .map(p -> json.convertValue(p.confidence(), String.class)).distinct().toList());
        incident.patternFlags = array(nullSafe(facts.patternFlags()));
        incident.placeText = join(placeTexts(location));
        List<String> all = new ArrayList<>();
        all.add(incident.reference);
        all.addAll(facts.title().values());
        all.addAll(values(facts.narrative()));
        all.addAll(placeTexts(location));
        incident.searchText = join(all);
    }

    /** The data of an event of the incident (its shape is incident-events' contract). */
    public IncidentEvent event(Incident incident) {
        IncidentInput facts = facts(incident);
        List<IncidentEvent.PerpetratorRef> perpetrators = facts.perpetrators() == null ? List.of()
                : facts.perpetrators().stream().map(p -> new IncidentEvent.PerpetratorRef(p.party(),
                        json.convertValue(p.involvement(), String.class), json.convertValue(p.confidence(), String.class)))
                        .toList();
        return new IncidentEvent(incident.id, incident.reference, incident.version, incident.status,
                List.of(incident.types), incident.startAt, incident.endAt, List.of(incident.adminPcodes),
                incident.controllingParty, perpetrators, incident.latitude, incident.longitude, incident.publishedAt,
                incident.retractionReason, incident.mergedInto, incident.isDeleted(), incident.updatedAt);
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    public <T> T read(String document, Class<T> type) {
        try {
            return json.readValue(document, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is unreadable", e);
        }
    }

    private static List<String> placeTexts(IncidentInput.Location location) {
        return Stream.of(values(location.placeName()), nullSafe(location.aliases()), values(location.neighbourhood()),
                nullSafe(location.adminAreas()).stream().flatMap(area -> values(area.name()).stream()).toList())
                .flatMap(Collection::stream)
                .toList();
    }

    private static Collection<String> values(Map<String, String> texts) {
        return texts == null ? List.of() : texts.values();
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String[] array(List<String> values) {
        return values.stream().filter(Objects::nonNull).toArray(String[]::new);
    }

    private static String join(List<String> texts) {
        return String.join(" \n ", texts.stream().filter(Objects::nonNull).toList());
    }
}
