package org.shahed.casualty.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;

import org.shahed.casualty.record.CasualtyInput.Sex;

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
     * The view for a caller: names only for roles that see protected fields or where the family consented to
     * publication; relatives' contacts only for roles that see protected fields.
     */
    public CasualtyView view(Casualty casualty, boolean seesProtectedFields) {
        return view(casualty, record(casualty), seesProtectedFields);
    }

    /** As {@link #view(Casualty, boolean)}, with the record's document already read. */
    public CasualtyView view(Casualty casualty, CasualtyInput record, boolean seesProtectedFields) {
        boolean namesVisible = seesProtectedFields || record.consent() != null && record.consent().publishName();
        CasualtyInput shown = new CasualtyInput(record.incidentId(), namesVisible ? record.names() : null,
                record.sex(), record.age(), record.outcome(), record.status(), record.roles(), record.date(),
                record.place(), record.cause(), record.residence(), record.sources(), record.documentationLevel(),
                record.consent(), seesProtectedFields ? record.relativesContact() : null, record.sourceSystem(),
                record.externalId());
        Boolean child = record.isChild();
        return new CasualtyView(casualty.id, casualty.reference, casualty.version, shown, child, woman(record.sex(), child),
                independentSources(record), casualty.mergedInto, casualty.reviewFlag, null, casualty.createdAt,
                casualty.updatedAt);
    }

    /**
     * The view with its incident's status as known from incident-service's events ({@code pending} while not yet
     * known). Read at request time, so it is never part of the stored history.
     */
    public CasualtyView withIncidentStatus(CasualtyView view) {
        if (view.record() == null || view.record().incidentId() == null) {
            return view;
        }
        org.shahed.casualty.incident.IncidentProjection incident =
                org.shahed.casualty.incident.IncidentProjection.findById(view.record().incidentId());
        String status = incident == null ? "pending" : incident.deleted ? "deleted" : incident.status;
        return new CasualtyView(view.id(), view.reference(), view.version(), view.record(), view.child(), view.woman(),
                view.independentSources(), view.mergedInto(), view.reviewFlag(), status, view.createdAt(), view.updatedAt());
    }

    /**
     * What history keeps of a record just stored from {@code record} by {@link #apply}: its full view, as
     * {@code write(view(casualty, record, true))}, but made around the stored document, which is that view's
     * (unwrapped) record already serialised, rather than serialising the record a second time (imports do this
     * for every row).
     */
    public String fullViewAroundDocument(Casualty casualty, CasualtyInput record) {
        CasualtyView view = view(casualty, record, true);
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
        casualty.nameKeys = org.shahed.casualty.dedupe.NameKeys.keys(record.names()).toArray(String[]::new);
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
