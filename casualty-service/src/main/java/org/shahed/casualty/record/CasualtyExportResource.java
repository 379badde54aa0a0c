package org.shahed.casualty.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.platform.security.Roles;
import org.shahed.platform.web.Caller;
import org.shahed.platform.store.ChangeFeed;
import org.shahed.platform.store.StreamedRows;
import org.shahed.platform.web.CsvExport;

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

/** Exports of the casualty list (same filters and the same protection as reads), streamed from one snapshot. */
@Path("/api/v1/casualties")
@Tag(name = "Casualties")
public class CasualtyExportResource {
    /** The CSV's columns in order, with their HXL hashtags; quoted by the operation's description. */
    static final String CSV_COLUMNS = "`id` #affected+id, `reference` #meta+ref, `incident_id` #event+id, "
            + "`full_name_ar` #affected+name+i_ar, `full_name_latin` #affected+name+i_en, `sex` #affected+sex, "
            + "`age_years` #affected+age, `child` #affected+children, `outcome` #affected+outcome, "
            + "`status` #affected+status, `roles` #affected+role, `cause` #cause, `date` #date, "
            + "`date_precision` #meta+precision, `admin1_pcode` #adm1+code, `admin2_pcode` #adm2+code, "
            + "`admin3_pcode` #adm3+code, `documentation_level` #meta+level, `independent_sources` #meta+sources, "
            + "`incident_status` #event+status, `version` #meta+version, `updated_at` #date+updated";
    private static final String[][] COLUMNS = CsvExport.columns(CSV_COLUMNS);

    @Inject
    CasualtySearch search;
    @Inject
    CasualtyMapper mapper;
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
    @Operation(summary = "Casualty records as CSV (UTF-8); names only where consent or role allows; optional HXL row",
            description = "Columns, in order, with their HXL hashtags: " + CSV_COLUMNS + ". Lists (`roles`) are "
                    + "separated by semicolons; empty cells are unknown or not shown to the caller; times are ISO-8601 "
                    + "UTC. The `Shahed-Changes-Cursor` header is the changes feed's cursor from before the export was "
                    + "read: continue a mirror with `/casualties/changes?cursor=` from it.")
    public Response csv(@BeanParam CasualtyFilter filter,
            @Parameter(description = "Add the HXL hashtag row") @QueryParam("hxl") @DefaultValue("false") boolean hxl) {
        StreamedRows.Reading<CasualtyView> records = search.export(filter, caller.audience());
        String position = changeFeed.cursorNow(CasualtyChangesResource.KIND);
        return stamped(position, CsvExport.response("casualties.csv", COLUMNS, hxl,
                sink -> records.forEach(view -> sink.accept(row(view)))));
    }

    @GET
    @Path("export.ndjson")
    @Produces("application/x-ndjson")
    @RolesAllowed({ Roles.PARTNER, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Casualty records as NDJSON, one record per line, protected as in reads",
            description = "The `Shahed-Changes-Cursor` header is the changes feed's cursor from before the export was "
                    + "read: continue a mirror with `/casualties/changes?cursor=` from it.")
    public Response ndjson(@BeanParam CasualtyFilter filter) {
        StreamedRows.Reading<CasualtyView> records = search.export(filter, caller.audience());
        String position = changeFeed.cursorNow(CasualtyChangesResource.KIND);
        StreamingOutput body = output -> records.forEach(view -> {
            try {
                output.write(json.writeValueAsBytes(view));
                output.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return stamped(position, Response.ok(body).type("application/x-ndjson").build());
    }

    /**
     * The export with the changes feed's cursor from before it was read: a mirror loads the export, then reads
     * {@code /casualties/changes?cursor=} from there on, and misses nothing.
     */
    private static Response stamped(String position, Response export) {
        return Response.fromResponse(export).header(ChangeFeed.EXPORT_CURSOR_HEADER, position).build();
    }

    private List<Object> row(CasualtyView view) {
        CasualtyInput r = view.record();
        List<String> pcodes = r.place() == null || r.place().adminPcodes() == null ? List.of() : r.place().adminPcodes();
        return Arrays.asList(view.id(), view.reference(), r.incidentId(),
                r.names() == null ? null : r.names().fullNameAr(), r.names() == null ? null : r.names().fullNameLatin(),
                mapper.value(r.sex()), r.age() == null ? null : r.age().years(), view.child(), mapper.value(r.outcome()),
                mapper.value(r.status()), r.roles() == null ? null : String.join(";", r.roles().stream().map(mapper::value).toList()),
                r.cause(), r.date() == null ? null : r.date().on(), r.date() == null ? null : mapper.value(r.date().precision()),
                adminCode(pcodes, 1), adminCode(pcodes, 2), adminCode(pcodes, 3),
                mapper.value(r.documentationLevel()), view.independentSources(), view.incidentStatus(), view.version(),
                view.updatedAt());
    }

    /** The record's P-code of an admin level: two digits per level after the country's letters (SY09, SY0903). */
    private static String adminCode(List<String> pcodes, int level) {
        return pcodes.stream().filter(code -> code.length() == 2 + 2 * level).findFirst().orElse(null);
    }
}
