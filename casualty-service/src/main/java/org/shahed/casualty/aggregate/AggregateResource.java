package org.shahed.casualty.aggregate;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * Partners count the records of published incidents only, with small counts suppressed ({@link SmallCellSuppression}).
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
    @Operation(summary = "Casualty counts grouped by dimensions, with filters",
            description = "Partners count the records of published incidents only, and never get a count below the "
                    + "minimum (5 by default): such cells are `suppressed`, and so is the smallest other cell of a "
                    + "row, column or other line of the table that would otherwise hold a single suppressed cell, so "
                    + "that no total minus its shown cells reveals one. The suppression is worked out on the table of "
                    + "every dimension the question groups or filters by, over all values of each, so that another "
                    + "filter value or grouping cannot take it apart. A cell summing suppressed cells (a month range) "
                    + "is suppressed.")
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
        if (dimensions.size() > 3 || !DIMENSIONS.keySet().containsAll(dimensions)
                || new java.util.HashSet<>(dimensions).size() < dimensions.size()) {
            throw Problems.invalidParameter("groupBy", "up to three different ones of " + String.join(", ", DIMENSIONS.keySet()));
        }
        Map<String, String> equal = new LinkedHashMap<>();
        putIfPresent(equal, "outcome", outcome);
        putIfPresent(equal, "sex", sex);
        putIfPresent(equal, "ageGroup", ageGroup);
        putIfPresent(equal, "status", status);
        putIfPresent(equal, "perpetrator", perpetrator);
        putIfPresent(equal, "governorate", governorate);
        LocalDate from = fromMonth == null ? null : month("fromMonth", fromMonth);
        LocalDate to = toMonth == null ? null : month("toMonth", toMonth);
        if (caller.audience().isRestricted()) {
            return suppressedForPartners(dimensions, equal, from, to);
        }
        return exact(dimensions, equal, from, to);
    }

    /** Staff: every record counted, filters applied in the query, exact counts. */
    private List<Cell> exact(List<String> dimensions, Map<String, String> equal, LocalDate from, LocalDate to) {
        StringBuilder where = new StringBuilder("r.n > 0");
        Map<String, Object> parameters = new LinkedHashMap<>();
        equal.forEach((dimension, value) -> {
            where.append(" and ").append(DIMENSIONS.get(dimension)).append(" = :").append(dimension);
            parameters.put(dimension, value);
        });
        monthRange(where, parameters, from, to);
        boolean byPerpetrator = equal.containsKey("perpetrator") || dimensions.contains("perpetrator");
        List<Cell> cells = new ArrayList<>();
        for (Object[] row : grouped(dimensions, byPerpetrator, false, where.toString(), parameters)) {
            Map<String, String> key = new LinkedHashMap<>();
            for (int i = 0; i < dimensions.size(); i++) {
                key.put(dimensions.get(i), row[i] == null ? null : row[i].toString());
            }
            cells.add(new Cell(key, ((Number) row[dimensions.size()]).longValue(), null));
        }
        return cells;
    }

    /**
     * Partners: the records of published incidents, cut from the table of every dimension asked about and
     * suppressed by {@link SmallCellSuppression}.
     */
    private List<Cell> suppressedForPartners(List<String> dimensions, Map<String, String> equal, LocalDate from,
            LocalDate to) {
        List<String> table = new ArrayList<>(dimensions);
        equal.keySet().stream().filter(d -> !table.contains(d)).forEach(table::add);
        if ((from != null || to != null) && !table.contains("month")) {
            table.add("month");
        }
        boolean byPerpetrator = table.contains("perpetrator");
        List<SmallCellSuppression.Cell> cells = new ArrayList<>();
        for (Object[] row : grouped(table, byPerpetrator, true, "r.n > 0", Map.of())) {
            List<String> key = new ArrayList<>();
            for (int i = 0; i < table.size(); i++) {
                key.add(row[i] == null ? null : row[i].toString());
            }
            cells.add(new SmallCellSuppression.Cell(key, ((Number) row[table.size()]).longValue()));
        }
        boolean[] hidden = SmallCellSuppression.suppressed(cells, table.size(), minCellSize);
        int monthAt = table.indexOf("month");
        String fromKey = from == null ? null : YearMonth.from(from).toString();
        String toKey = to == null ? null : YearMonth.from(to).toString();
        java.util.function.Predicate<SmallCellSuppression.Cell> slice = cell -> {
            for (Map.Entry<String, String> filter : equal.entrySet()) {
                if (!filter.getValue().equals(cell.key().get(table.indexOf(filter.getKey())))) {
                    return false;
                }
            }
            String month = monthAt < 0 ? null : cell.key().get(monthAt);
            return (fromKey == null || month != null && month.compareTo(fromKey) >= 0)
                    && (toKey == null || month != null && month.compareTo(toKey) <= 0);
        };
        List<Integer> grouped = dimensions.stream().map(table::indexOf).toList();
        return SmallCellSuppression.answer(cells, hidden, table, grouped, slice).stream()
                .sorted(java.util.Comparator.comparing(answer -> String.valueOf(answer.key().values())))
                .map(answer -> answer.count() == null ? new Cell(answer.key(), null, true)
                        : new Cell(answer.key(), answer.count(), null))
                .toList();
    }

    /** The rollup grouped by {@code dimensions}; {@code publishedOnly} keeps the records of published incidents. */
    @SuppressWarnings("unchecked")
    private List<Object[]> grouped(List<String> dimensions, boolean byPerpetrator, boolean publishedOnly, String where,
            Map<String, Object> parameters) {
        String columns = String.join(", ", dimensions.stream().map(DIMENSIONS::get).toList());
        String from = publishedOnly || byPerpetrator
                ? "casualty_rollup r join incident_projection i on i.id = r.incident_id"
                : "casualty_rollup r";
        if (byPerpetrator) {
            from += " cross join unnest(i.perpetrator_parties) as p(party)";
        }
        String published = publishedOnly ? " and i.status = 'published' and not i.deleted" : "";
        Query query = entityManager.createNativeQuery("select " + columns + ", sum(r.n) from " + from + " where "
                + where + published + " group by " + columns + " order by " + columns);
        parameters.forEach(query::setParameter);
        List<Object[]> rows = new ArrayList<>();
        for (Object result : query.getResultList()) {
            rows.add(result instanceof Object[] array ? array : new Object[] { result });
        }
        return rows;
    }

    private static void putIfPresent(Map<String, String> filters, String dimension, String value) {
        if (value != null) {
            filters.put(dimension, value);
        }
    }

    private static void monthRange(StringBuilder where, Map<String, Object> parameters, LocalDate from, LocalDate to) {
        if (from != null) {
            where.append(" and r.month >= :fromMonth");
            parameters.put("fromMonth", from);
        }
        if (to != null) {
            where.append(" and r.month <= :toMonth");
            parameters.put("toMonth", to);
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
