package org.shahed.incident.incident;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.incident.incident.IncidentInput.Range;
import org.shahed.platform.security.Roles;
import org.shahed.platform.web.Caller;
import org.shahed.platform.store.ChangeFeed;
import org.shahed.platform.store.StreamedRows;
import org.shahed.platform.web.CsvExport;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * Exports of the incident list (same filters), streamed from one snapshot so that any number of incidents leaves
 * with a small heap: CSV (UTF-8, optional HXL hashtag row) and a GeoJSON FeatureCollection.
 */
@Path("/api/v1/incidents")
@Tag(name = "Incidents")
public class IncidentExportResource {
    /** The CSV's columns in order, with their HXL hashtags; quoted by the operation's description. */
    static final String CSV_COLUMNS = "`id` #event+id, `reference` #meta+ref, `status` #status, "
            + "`title_en` #event+title+i_en, `title_ar` #event+title+i_ar, `types` #event+type, `start` #date+start, "
            + "`start_precision` #meta+precision, `end` #date+end, `place_en` #loc+name+i_en, "
            + "`place_ar` #loc+name+i_ar, `admin1_pcode` #adm1+code, `admin2_pcode` #adm2+code, "
            + "`admin3_pcode` #adm3+code, `latitude` #geo+lat, `longitude` #geo+lon, `controlling_party` #org+control, "
            + "`perpetrators` #org+perpetrator, `attribution` #meta+confidence, `killed_min` #affected+killed+min, "
            + "`killed_max` #affected+killed+max, `children_killed_min` #affected+killed+children+min, "
            + "`women_killed_min` #affected+killed+women+min, `injured_min` #affected+injured+min, "
            + "`published_at` #date+published, `version` #meta+version, `updated_at` #date+updated";
    private static final String[][] COLUMNS = CsvExport.columns(CSV_COLUMNS);

    @Inject
    IncidentSearch search;
    @Inject
    IncidentMapper mapper;
    @Inject
    Caller caller;
    @Inject
    ObjectMapper json;
    @Inject
    ChangeFeed changeFeed;

    @GET
    @Path("export.csv")
    @Produces("text/csv")
    @RolesAllowed({ Roles.PARTNER, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Incidents as CSV (UTF-8), one row each; optional HXL hashtag row",
            description = "Columns, in order, with their HXL hashtags: " + CSV_COLUMNS + ". Lists (`types`, "
                    + "`perpetrators`, `attribution`) are separated by semicolons; empty cells are unknown or not shown "
                    + "to the caller; times are ISO-8601 UTC. The `Shahed-Changes-Cursor` header is the changes feed's cursor from before the export was "
                    + "read: continue a mirror with `/incidents/changes?cursor=` from it.")
    public Response csv(@BeanParam IncidentFilter filter,
            @Parameter(description = "Add the HXL hashtag row under the header") @QueryParam("hxl") @DefaultValue("false") boolean hxl) {
        StreamedRows.Reading<Incident> incidents = search.export(filter, caller.audience());
        String position = changeFeed.cursorNow(IncidentChangesResource.KIND);
        return stamped(position, CsvExport.response("incidents.csv", COLUMNS, hxl,
                sink -> incidents.forEach(incident -> sink.accept(row(incident)))));
    }

    @GET
    @Path("export.geojson")
    @Produces("application/geo+json")
    @RolesAllowed({ Roles.PARTNER, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Incidents with coordinates as a GeoJSON FeatureCollection",
            description = "The `Shahed-Changes-Cursor` header is the changes feed's cursor from before the export was "
                    + "read: continue a mirror with `/incidents/changes?cursor=` from it.")
    public Response geojson(@BeanParam IncidentFilter filter) {
        StreamedRows.Reading<Incident> incidents = search.export(filter, caller.audience());
        String position = changeFeed.cursorNow(IncidentChangesResource.KIND);
        StreamingOutput body = output -> {
            try (JsonGenerator out = json.getFactory().createGenerator(output, JsonEncoding.UTF8)) {
                out.writeStartObject();
                out.writeStringField("type", "FeatureCollection");
                out.writeArrayFieldStart("features");
                incidents.forEach(incident -> {
                    if (incident.latitude == null) {
                        return;
                    }
                    try {
                        out.writeObject(feature(incident));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                out.writeEndArray();
                out.writeEndObject();
            }
        };
        return stamped(position, Response.ok(body).type("application/geo+json").build());
    }

    /**
     * The export with the changes feed's cursor from before it was read: a mirror loads the export, then reads
     * {@code /incidents/changes?cursor=} from there on, and misses nothing.
     */
    private static Response stamped(String position, Response export) {
        return Response.fromResponse(export).header(ChangeFeed.EXPORT_CURSOR_HEADER, position).build();
    }

    private List<Object> row(Incident incident) {
        IncidentInput facts = mapper.facts(incident);
        CasualtySummary summary = incident.casualtySummary == null ? null
                : mapper.read(incident.casualtySummary, CasualtySummary.class);
        List<Object> row = new ArrayList<>();
        row.add(incident.id);
        row.add(incident.reference);
        row.add(incident.status);
        row.add(facts.title().get("en"));
        row.add(facts.title().get("ar"));
        row.add(String.join(";", incident.types));
        row.add(incident.startAt);
        row.add(json.convertValue(facts.start().precision(), String.class));
        row.add(incident.endAt);
        row.add(facts.location().placeName().get("en"));
        row.add(facts.location().placeName().get("ar"));
        row.add(adminCode(facts, 1));
        row.add(adminCode(facts, 2));
        row.add(adminCode(facts, 3));
        row.add(incident.latitude);
        row.add(incident.longitude);
        row.add(incident.controllingParty);
        row.add(String.join(";", incident.perpetratorParties));
        row.add(String.join(";", incident.attributionGrades));
        row.add(summary == null ? null : min(summary.killed()));
        row.add(summary == null ? null : max(summary.killed()));
        row.add(summary == null ? null : min(summary.children()));
        row.add(summary == null ? null : min(summary.women()));
        row.add(summary == null ? null : min(summary.injured()));
        row.add(incident.publishedAt);
        row.add(incident.version);
        row.add(incident.updatedAt);
        return row;
    }

    private Map<String, Object> feature(Incident incident) {
        IncidentInput facts = mapper.facts(incident);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("id", incident.id);
        properties.put("reference", incident.reference);
        properties.put("status", incident.status);
        properties.put("title", facts.title());
        properties.put("types", incident.types);
        properties.put("start", incident.startAt.toString());
        properties.put("place", facts.location().placeName());
        // How far the point may be from the place: maps draw an approximate location as an area.
        if (facts.location().precisionMetres() != null) {
            properties.put("precisionMetres", facts.location().precisionMetres());
        }
        properties.put("perpetrators", incident.perpetratorParties);
        properties.put("controllingParty", incident.controllingParty);
        if (incident.casualtySummary != null) {
            properties.put("casualtySummary", mapper.read(incident.casualtySummary, CasualtySummary.class));
        }
        return Map.of("type", "Feature",
                "geometry", Map.of("type", "Point", "coordinates", List.of(incident.longitude, incident.latitude)),
                "properties", properties);
    }

    private static String adminCode(IncidentInput facts, int level) {
        if (facts.location().adminAreas() == null) {
            return null;
        }
        return facts.location().adminAreas().stream().filter(a -> a.level() == level)
                .map(IncidentInput.AdminArea::pcode).findFirst().orElse(null);
    }

    private static Integer min(Range range) {
        return range == null ? null : range.min();
    }

    private static Integer max(Range range) {
        return range == null ? null : range.max();
    }
}
