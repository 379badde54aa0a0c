package org.shahed.casualty.aggregate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.shahed.casualty.CasualtyConfig;
import org.shahed.casualty.counts.Counts;
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
    /** What a cell's key says when the records do not tell (no date, no place, no known perpetrator). */
    static final String UNKNOWN = "unknown";
    static {
        DIMENSIONS.put("month", "coalesce(to_char(r.month, 'YYYY-MM'), '" + UNKNOWN + "')");
        DIMENSIONS.put("governorate", "coalesce(r.governorate, '" + UNKNOWN + "')");
        DIMENSIONS.put("outcome", "coalesce(r.outcome, '" + UNKNOWN + "')");
        DIMENSIONS.put("sex", "coalesce(r.sex, '" + UNKNOWN + "')");
        DIMENSIONS.put("ageGroup", "coalesce(r.age_group, '" + UNKNOWN + "')");
        DIMENSIONS.put("status", "coalesce(r.civilian_status, '" + UNKNOWN + "')");
        DIMENSIONS.put("perpetrator", "coalesce(p.party, '" + UNKNOWN + "')");
    }
    private static final int MOST_MONTHS = 1200;

    @Inject
    EntityManager entityManager;
    @Inject
    Caller caller;
    @Inject
    CasualtyConfig config;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "AggregateCell")
    public record Cell(@Schema(description = "Dimension values of this cell, e.g. {\"month\": \"2016-06\"}; `unknown` where "
            + "the records do not tell") Map<String, String> key,
            @Schema(description = "The number of records, in the shape of every count of the API (a record count is "
                    + "exact: min = max); absent when suppressed") Counts.Range count,
            @Schema(description = "True when the count is hidden because it is small") Boolean suppressed) {

        static Cell of(Map<String, String> key, Long count) {
            return count == null ? new Cell(key, null, true) : new Cell(key, Counts.Range.exactly(count), null);
        }

        long value() {
            return count == null ? 0 : count.min();
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CasualtyAggregate", description = "A table of counts, ready to chart")
    public record Aggregate(
            @Schema(description = "The dimensions of each cell's key, in the order asked") List<String> groupBy,
            @Schema(description = "The cells, ordered by their keys") List<Cell> items,
            @Schema(description = "Every record the filters keep, counted once (absent when grouping by perpetrator: "
                    + "a record of several alleged perpetrators is in each of their cells)") Cell total,
            Metadata metadata) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CasualtyAggregateMetadata")
    public record Metadata(
            @Schema(description = "When the counts were read; they include every record written before") Instant asOf,
            @Schema(description = "True when only records of published incidents are counted (partners)") boolean publishedOnly,
            @Schema(description = "Counts from 1 to below this are suppressed (partners only)") Integer minCellSize,
            @Schema(description = "How many of the cells are suppressed") long suppressedCells,
            @Schema(description = "True when months without records are listed with a count of 0") boolean zeroFilled) {
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
    public Aggregate aggregate(
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
            @Parameter(description = "Up to this month", example = "2016-12") @QueryParam("toMonth") String toMonth,
            @Parameter(description = "List every month from fromMonth to toMonth (both required, and month among "
                    + "groupBy), with a count of 0 where there are no records")
            @QueryParam("zeroFill") @DefaultValue("false") boolean zeroFill) {
        List<String> dimensions = List.of(groupBy.split(","));
        if (dimensions.size() > 3 || !DIMENSIONS.keySet().containsAll(dimensions)
                || new HashSet<>(dimensions).size() < dimensions.size()) {
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
        if (zeroFill) {
            checkZeroFill(dimensions, from, to);
        }
        boolean partner = caller.audience().isRestricted();
        Instant asOf = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Aggregate counted = partner ? suppressedForPartners(dimensions, equal, from, to)
                : exact(dimensions, equal, from, to);
        List<Cell> items = zeroFill ? zeroFilled(counted.items(), dimensions, from, to) : counted.items();
        items = items.stream().sorted(byKey(dimensions)).toList();
        long suppressedCells = items.stream().filter(cell -> cell.suppressed() != null).count();
        return new Aggregate(dimensions, items, counted.total(),
                new Metadata(asOf, partner, partner ? config.aggregates().minCellSize() : null, suppressedCells, zeroFill));
    }

    private static void checkZeroFill(List<String> dimensions, LocalDate from, LocalDate to) {
        if (!dimensions.contains("month")) {
            throw Problems.invalidParameter("zeroFill", "only with month among groupBy");
        }
        if (from == null || to == null) {
            throw Problems.invalidParameter("zeroFill", "needs fromMonth and toMonth, the months to list");
        }
        if (from.isAfter(to) || ChronoUnit.MONTHS.between(from, to) >= MOST_MONTHS) {
            throw Problems.invalidParameter("toMonth", "from fromMonth to at most " + MOST_MONTHS + " months later");
        }
    }

    /**
     * Every month of the range for each combination of the other dimensions' values that has a cell: the months
     * without one are 0 (an absent cell counts no record; a suppressed one is listed as suppressed).
     */
    private static List<Cell> zeroFilled(List<Cell> cells, List<String> dimensions, LocalDate from, LocalDate to) {
        Map<Map<String, String>, Cell> byKey = new LinkedHashMap<>();
        Set<Map<String, String>> others = new LinkedHashSet<>();
        for (Cell cell : cells) {
            byKey.put(cell.key(), cell);
            Map<String, String> rest = new LinkedHashMap<>(cell.key());
            rest.remove("month");
            others.add(rest);
        }
        if (others.isEmpty() && dimensions.size() == 1) {
            others.add(Map.of());
        }
        List<Cell> filled = new ArrayList<>(cells);
        for (Map<String, String> rest : others) {
            for (YearMonth month = YearMonth.from(from); !month.isAfter(YearMonth.from(to)); month = month.plusMonths(1)) {
                Map<String, String> key = new LinkedHashMap<>();
                for (String dimension : dimensions) {
                    key.put(dimension, dimension.equals("month") ? month.toString() : rest.get(dimension));
                }
                if (!byKey.containsKey(key)) {
                    filled.add(Cell.of(key, 0L));
                }
            }
        }
        return filled;
    }

    private static Comparator<Cell> byKey(List<String> dimensions) {
        Comparator<Cell> order = (a, b) -> 0;
        for (String dimension : dimensions) {
            order = order.thenComparing(cell -> String.valueOf(cell.key().get(dimension)));
        }
        return order;
    }

    /** Staff: every record counted, filters applied in the query, exact counts. */
    private Aggregate exact(List<String> dimensions, Map<String, String> equal, LocalDate from, LocalDate to) {
        StringBuilder where = new StringBuilder("r.n > 0");
        Map<String, Object> parameters = new LinkedHashMap<>();
        equal.forEach((dimension, value) -> {
            where.append(" and ").append(DIMENSIONS.get(dimension)).append(" = :").append(dimension);
            parameters.put(dimension, value);
        });
        monthRange(where, parameters, from, to);
        boolean byPerpetrator = equal.containsKey("perpetrator") || dimensions.contains("perpetrator");
        List<Cell> cells = new ArrayList<>();
        long total = 0;
        for (Object[] row : grouped(dimensions, byPerpetrator, false, where.toString(), parameters)) {
            Map<String, String> key = new LinkedHashMap<>();
            for (int i = 0; i < dimensions.size(); i++) {
                key.put(dimensions.get(i), row[i].toString());
            }
            long count = ((Number) row[dimensions.size()]).longValue();
            cells.add(Cell.of(key, count));
            total += count;
        }
        return new Aggregate(dimensions, cells, totalShown(dimensions, equal) ? Cell.of(Map.of(), total) : null, null);
    }

    /** A total is the sum of the cells unless a record can be in several: grouped by perpetrator, not filtered by one. */
    private static boolean totalShown(List<String> dimensions, Map<String, String> equal) {
        return !dimensions.contains("perpetrator") || equal.containsKey("perpetrator");
    }

    /**
     * Partners: the records of published incidents, cut from the table of every dimension asked about and
     * suppressed by {@link SmallCellSuppression}.
     */
    private Aggregate suppressedForPartners(List<String> dimensions, Map<String, String> equal, LocalDate from,
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
                key.add(row[i].toString());
            }
            cells.add(new SmallCellSuppression.Cell(key, ((Number) row[table.size()]).longValue()));
        }
        boolean[] hidden = SmallCellSuppression.suppressed(cells, table.size(), config.aggregates().minCellSize());
        int monthAt = table.indexOf("month");
        String fromKey = from == null ? null : YearMonth.from(from).toString();
        String toKey = to == null ? null : YearMonth.from(to).toString();
        Predicate<SmallCellSuppression.Cell> slice = cell -> {
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
        List<Cell> answer = SmallCellSuppression.answer(cells, hidden, table, grouped, slice).stream()
                .map(cell -> Cell.of(cell.key(), cell.count())).toList();
        return new Aggregate(dimensions, answer, totalShown(dimensions, equal)
                ? total(cells, hidden, slice, from != null || to != null) : null, null);
    }

    /**
     * The slice's total. Without a month range the slice is a whole slab of the table, which never holds exactly one
     * suppressed cell, so its total gives nothing away unless it is small itself; a month range cuts a slab, and
     * then any suppressed cell in it suppresses the total, as it does any other sum.
     */
    private Cell total(List<SmallCellSuppression.Cell> cells, boolean[] hidden,
            Predicate<SmallCellSuppression.Cell> slice, boolean monthRange) {
        long total = 0;
        boolean sumsSuppressed = false;
        for (int i = 0; i < cells.size(); i++) {
            if (slice.test(cells.get(i))) {
                total += cells.get(i).count();
                sumsSuppressed |= hidden[i];
            }
        }
        boolean small = total > 0 && total < config.aggregates().minCellSize();
        return Cell.of(Map.of(), small || monthRange && sumsSuppressed ? null : total);
    }

    /** The rollup grouped by {@code dimensions}; {@code publishedOnly} keeps the records of published incidents. */
    @SuppressWarnings("unchecked")
    private List<Object[]> grouped(List<String> dimensions, boolean byPerpetrator, boolean publishedOnly, String where,
            Map<String, Object> parameters) {
        String columns = String.join(", ", dimensions.stream().map(DIMENSIONS::get).toList());
        // Partners count published incidents' records only; staff also those of incidents not known here yet.
        String from = publishedOnly ? "casualty_rollup_now r join incident_projection i on i.id = r.incident_id"
                : byPerpetrator ? "casualty_rollup_now r left join incident_projection i on i.id = r.incident_id"
                : "casualty_rollup_now r";
        if (byPerpetrator) {
            // A record counts once for each alleged perpetrator, and under unknown when there is none.
            from += " cross join lateral unnest(case when cardinality(i.perpetrator_parties) > 0"
                    + " then i.perpetrator_parties else array[null::text] end) as p(party)";
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
