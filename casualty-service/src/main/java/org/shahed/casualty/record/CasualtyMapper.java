package org.shahed.casualty.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;

import org.shahed.casualty.dedupe.NameKeys;
import org.shahed.casualty.events.CasualtyEvent;
import org.shahed.casualty.projection.IncidentProjection;
import org.shahed.casualty.record.CasualtyInput.Sex;
import org.shahed.platform.security.Audience;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Between stored casualty records and the API's records, with the protection rules applied on the way out. */
@ApplicationScoped
public class CasualtyMapper {
    @Inject
    ObjectMapper json;
    private final Map<Enum<?>, String> enumValues = new ConcurrentHashMap<>();

    public CasualtyInput record(Casualty casualty) {
        try {
            return json.readValue(casualty.document, CasualtyInput.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored casualty " + casualty.id + " is unreadable", e);
        }
    }

    /**
     * The record as {@code audience} may read it, with its incident's status as this service knows it from
     * incident-service's events ({@code pending} while not known yet; read now, so never part of the history).
     */
    public CasualtyView view(Casualty casualty, Audience audience) {
        return view(casualty, audience, incidentStatus(casualty.incidentId));
    }

    /** The record as {@code audience} may read it, its incident's status already known (read with the record). */
    public CasualtyView view(Casualty casualty, Audience audience, String incidentStatus) {
        return view(casualty, record(casualty), audience, incidentStatus);
    }

    /**
     * The record as {@code audience} may read it. Staff read every field. Everyone else reads an allow-list:
     * names only where the family consented to publishing them; never relatives' contacts, residence, source
     * references, consent notes or review flags (free text that can name relatives or interviewees); the source
     * system's own id only for the organisation that wrote the record.
     */
    public CasualtyView view(Casualty casualty, CasualtyInput record, Audience audience, String incidentStatus) {
        Boolean child = record.isChild();
        Boolean woman = woman(record.sex(), child);
        if (audience.seesProtectedFields()) {
            return new CasualtyView(casualty.id, casualty.reference, casualty.version, record, child, woman,
                    independentSources(record), casualty.mergedInto, casualty.reviewFlag, incidentStatus,
                    casualty.createdAt, casualty.updatedAt);
        }
        boolean namesPublished = record.consent() != null && record.consent().publishName();
        CasualtyInput shown = new CasualtyInput(record.incidentId(), namesPublished ? record.names() : null,
                record.sex(), record.age(), record.outcome(), record.status(), record.roles(), record.date(),
                record.place(), record.cause(), null,
                record.sources() == null ? null : record.sources().stream()
                        .map(source -> new CasualtyInput.Source(source.type(), null, source.independent())).toList(),
                record.documentationLevel(),
                record.consent() == null ? null
                        : new CasualtyInput.Consent(record.consent().publishName(), record.consent().obtainedOn(), null),
                null, record.sourceSystem(), audience.owns(casualty.organisation) ? record.externalId() : null);
        return new CasualtyView(casualty.id, casualty.reference, casualty.version, shown, child, woman,
                independentSources(record), casualty.mergedInto, null, incidentStatus, casualty.createdAt,
                casualty.updatedAt);
    }

    /** The status of the record's incident as known here: {@code pending} while its event has not come. */
    public String incidentStatus(UUID incidentId) {
        if (incidentId == null) {
            return null;
        }
        IncidentProjection incident = IncidentProjection.findById(incidentId);
        return incidentStatus(incidentId, incident == null ? null : incident.status, incident != null && incident.deleted);
    }

    /** The status of incident {@code incidentId} from its projection's columns ({@code status} null: not known yet). */
    public static String incidentStatus(UUID incidentId, String status, boolean deleted) {
        if (incidentId == null) {
            return null;
        }
        return status == null ? "pending" : deleted ? "deleted" : status;
    }

    /**
     * What history keeps of a record just stored from {@code record} by {@link #apply}: its full view, as
     * {@code write(view(casualty, record, Audience.STAFF, null))}, but made around the stored document, which is that view's
     * (unwrapped) record already serialised, rather than serialising the record a second time (imports do this
     * for every row).
     */
    public String fullViewAroundDocument(Casualty casualty, CasualtyInput record) {
        CasualtyView view = view(casualty, record, Audience.STAFF, null);
        String envelope = write(new CasualtyView(view.id(), view.reference(), view.version(), null, view.child(),
                view.woman(), view.independentSources(), view.mergedInto(), view.reviewFlag(), null,
                view.createdAt(), view.updatedAt()));
        // The record's members come right after the version (declaration order); a quote inside a string value
        // is escaped, so this name cannot be found inside one.
        int at = envelope.indexOf("\"version\":");
        if (at < 0 || casualty.document.length() <= 2) {
            return write(view);
        }
        at += "\"version\":".length();
        while (at < envelope.length() && Character.isDigit(envelope.charAt(at))) {
            at++;
        }
        String members = casualty.document.substring(1, casualty.document.length() - 1);
        return envelope.substring(0, at) + "," + members + envelope.substring(at);
    }

    /** Stores {@code record} and derives the columns counts and lists use. */
    public void apply(Casualty casualty, CasualtyInput record) {
        casualty.document = write(record);
        casualty.incidentId = record.incidentId();
        casualty.outcome = value(record.outcome());
        casualty.sex = value(record.sex());
        casualty.ageYears = record.age() == null ? null : record.age().years();
        casualty.isChild = record.isChild();
        casualty.civilianStatus = value(record.status());
        casualty.roles = record.roles() == null ? new String[0]
                : record.roles().stream().map(this::value).toArray(String[]::new);
        casualty.eventDate = record.date() == null ? null : record.date().on();
        casualty.adminPcodes = record.place() == null || record.place().adminPcodes() == null ? new String[0]
                : record.place().adminPcodes().toArray(String[]::new);
        casualty.documentationLevel = value(record.documentationLevel());
        casualty.nameText = nameText(record.names());
        casualty.nameKeys = NameKeys.keys(record.names()).toArray(String[]::new);
        casualty.matchNames = write(record.names());
        casualty.consentPublishName = record.consent() != null && record.consent().publishName();
        casualty.sourceSystem = record.sourceSystem();
        casualty.externalId = record.externalId();
    }

    public <T> T read(String document, Class<T> type) {
        try {
            return json.readValue(document, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is unreadable", e);
        }
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JSON value of an enum constant (its {@code @JsonProperty}). */
    /** The data of an event of the record (its shape is casualty-events' contract). */
    public static CasualtyEvent event(Casualty casualty) {
        return new CasualtyEvent(casualty.id, casualty.reference, casualty.version, casualty.incidentId,
                casualty.outcome, casualty.sex, casualty.isChild, casualty.civilianStatus, casualty.eventDate,
                List.of(casualty.adminPcodes), casualty.documentationLevel, casualty.mergedInto, casualty.isDeleted());
    }

    public String value(Enum<?> constant) {
        return constant == null ? null : enumValues.computeIfAbsent(constant, c -> json.convertValue(c, String.class));
    }

    static Boolean woman(Sex sex, Boolean child) {
        if (sex == Sex.MALE || Boolean.TRUE.equals(child)) {
            return false;
        }
        if (sex == Sex.FEMALE && Boolean.FALSE.equals(child)) {
            return true;
        }
        return null;
    }

    private static int independentSources(CasualtyInput record) {
        return record.sources() == null ? 0 : (int) record.sources().stream().filter(CasualtyInput.Source::independent).count();
    }

    private static String nameText(CasualtyInput.Names names) {
        if (names == null) {
            return "";
        }
        List<String> parts = new ArrayList<>(List.of());
        for (String part : new String[] { names.fullNameAr(), names.fullNameLatin(), names.givenName(),
                names.fatherName(), names.familyName(), names.motherName(), names.nickname() }) {
            parts.add(part);
        }
        return String.join(" \n ", parts.stream().filter(Objects::nonNull).toList());
    }
}
