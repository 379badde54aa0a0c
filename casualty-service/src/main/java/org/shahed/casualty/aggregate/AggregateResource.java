package org.shahed.casualty.aggregate;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.platform.security.Roles;
import org.shahed.platform.web.Caller;
import org.shahed.platform.web.Problems;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Casualty counts for dashboards, grouped by up to three dimensions, from the rollup the database keeps exact.
 * For partners, cells of a grouping by area with fewer than the configured minimum are suppressed.
 */
@Path("/api/v1/casualty-aggregates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Casualty aggregates", description = "Counts by month, governorate, perpetrator, outcome, sex, age group and civilian status")
public class AggregateResource {
    private static final Map<String, String> DIMENSIONS = new LinkedHashMap<>();
    static {
        DIMENSIONS.put("month", "to_char(r.month, 'YYYY-MM')");
        DIMENSIONS.put("governorate", "r.governorate");
        DIMENSIONS.put("outcome", "r.outcome");
        DIMENSIONS.put("sex", "r.sex");
        DIMENSIONS.put("ageGroup", "r.age_group");
        DIMENSIONS.put("status", "r.civilian_status");
        DIMENSIONS.put("perpetrator", "p.party");
    }
    private static final Set<String> AREAS = Set.of("governorate");

    @Inject
    EntityManager entityManager;
    @Inject
    Caller caller;
    @ConfigProperty(name = "shahed.casualty.aggregates.min-cell-size")
    int minCellSize;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "AggregateCell")
    public record Cell(@Schema(description = "Dimension values of this cell, e.g. {\"month\": \"2016-06\"}") Map<String, String> key,
            @Schema(description = "Count; absent when suppressed") Long count,
            @Schema(description = "True when the count is hidden because it is small") Boolean suppressed) {
    }

    @GET
    @RolesAllowed({ Roles.PARTNER, Roles.ANALYST, Roles.REVIEWER, Roles.ADMIN })
    @Operation(summary = "Casualty counts grouped by dimensions, with filters")
    public List<Cell> aggregate(
            @Parameter(description = "Up to three of: month, governorate, perpetrator, outcome, sex, ageGroup, status. "
                    + "By perpetrator, a record of an incident with several alleged perpetrators counts for each; "
                    + "records of incidents not yet known here have none.", example = "month,governorate")
            @QueryParam("groupBy") @DefaultValue("outcome") String groupBy,
            @Parameter(example = "killed") @QueryParam("outcome") String outcome,
            @QueryParam("sex") String sex,
            @Parameter(description = "child, adult or unknown") @QueryParam("ageGroup") String ageGroup,
            @QueryParam("status") String status,
            @Parameter(description = "Alleged perpetrator's party code", example = "russian-forces") @QueryParam("perpetrator") String perpetrator,
            @Parameter(description = "Governorate P-code", example = "SY09") @QueryParam("governorate") String governorate,
            @Parameter(description = "From this month", example = "2016-01") @QueryParam("fromMonth") String fromMonth,
            @Parameter(description = "Up to this month", example = "2016-12") @QueryParam("toMonth") String toMonth) {
        List<String> dimensions = List.of(groupBy.split(","));
        if (dimensions.size() > 3 || !DIMENSIONS.keySet().containsAll(dimensions)) {
            throw Problems.invalidParameter("groupBy", "up to three of " + String.join(", ", DIMENSIONS.keySet()));
        }
        StringBuilder where = new StringBuilder("r.n > 0");
        Map<String, Object> parameters = new LinkedHashMap<>();
        filter(where, parameters, "outcome", outcome);
        filter(where, parameters, "sex", sex);
        filter(where, parameters, "age_group", ageGroup);
        filter(where, parameters, "civilian_status", status);
        filter(where, parameters, "governorate", governorate);
        boolean byPerpetrator = perpetrator != null || dimensions.contains("perpetrator");
        if (perpetrator != null) {
            where.append(" and p.party = :perpetrator");
            parameters.put("perpetrator", perpetrator);
        }
        if (fromMonth != null) {
            where.append(" and r.month >= :fromMonth");
            parameters.put("fromMonth", month("fromMonth", fromMonth));
        }
        if (toMonth != null) {
            where.append(" and r.month <= :toMonth");
            parameters.put("toMonth", month("toMonth", toMonth));
        }
        String columns = String.join(", ", dimensions.stream().map(DIMENSIONS::get).toList());
        String from = byPerpetrator
                ? "casualty_rollup r join incident_projection i on i.id = r.incident_id"
                        + " cross join unnest(i.perpetrator_parties) as p(party)"
                : "casualty_rollup r";
        Query query = entityManager.createNativeQuery("select " + columns + ", sum(r.n) from " + from + " where "
                + where + " group by " + columns + " order by " + columns);
        parameters.forEach(query::setParameter);
        boolean suppress = caller.seesPublishedOnly() && dimensions.stream().anyMatch(AREAS::contains);
        List<Cell> cells = new ArrayList<>();
        for (Object result : query.getResultList()) {
            Object[] row = result instanceof Object[] array ? array : new Object[] { result };
            Map<String, String> key = new LinkedHashMap<>();
            for (int i = 0; i < dimensions.size(); i++) {
                key.put(dimensions.get(i), row[i] == null ? null : row[i].toString());
            }
            long count = ((Number) row[dimensions.size()]).longValue();
            cells.add(suppress && count < minCellSize ? new Cell(key, null, true) : new Cell(key, count, null));
        }
        return cells;
    }

    private static void filter(StringBuilder where, Map<String, Object> parameters, String column, String value) {
        if (value != null) {
            where.append(" and r.").append(column).append(" = :").append(column);
            parameters.put(column, value);
        }
    }

    private static LocalDate month(String parameter, String value) {
        try {
            return YearMonth.parse(value).atDay(1);
        } catch (RuntimeException e) {
            throw Problems.invalidParameter(parameter, "a month as YYYY-MM");
        }
    }
}
