package org.shahed.incident.report;

import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.shahed.incident.incident.Incident;
import org.shahed.incident.incident.IncidentDisclosure;
import org.shahed.incident.incident.IncidentMapper;
import org.shahed.incident.incident.Status;
import org.shahed.incident.legal.LegalQualification;
import org.shahed.incident.thesaurus.Thesauri;
import org.shahed.incident.thesaurus.Vocabulary;
import org.shahed.platform.security.Audience;
import org.shahed.platform.security.Roles;
import org.shahed.platform.outbox.ChangeRecorder;
import org.shahed.platform.store.ChangeFeed;
import org.shahed.platform.store.FeedPosition;
import org.shahed.platform.store.History;
import org.shahed.platform.web.Caller;
import org.shahed.platform.web.ETags;
import org.shahed.platform.web.TimeKeyset;
import org.shahed.platform.web.Page;
import org.shahed.platform.web.Problems;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/** Reports: drafted by analysts, published by reviewers once every incident in them is published. */
@ApplicationScoped
public class Reports {
    private static final String AGGREGATE = "report";
    private static final String CHANGES = "report-changes";

    @Inject
    ChangeFeed changeFeed;
    @Inject
    IncidentMapper mapper;
    @Inject
    Thesauri thesauri;
    @Inject
    ChangeRecorder recorder;
    @Inject
    History history;
    @Inject
    Caller caller;
    @Inject
    EntityManager entityManager;
    @Inject
    IncidentDisclosure disclosure;

    public record ReportEvent(UUID id, String reference, long version, String status, List<UUID> incidentIds,
            Instant publishedAt) {
    }

    @Transactional
    public Report create(ReportInput input) {
        check(input);
        Report report = new Report();
        report.start(mapper.write(input), caller.name());
        long number = ((Number) entityManager.createNativeQuery("select nextval('report_reference_seq')")
                .getSingleResult()).longValue();
        report.reference = String.format("REP-%d-%06d", Year.now(ZoneOffset.UTC).getValue(), number);
        report.status = "draft";
        report.incidentIds = input.incidentIds().toArray(UUID[]::new);
        record(report, "created");
        return report;
    }

    /**
     * Replaces a report. A published one is corrected by reviewers only, and may cite published incidents only:
     * what partners read changes through review, and never points them at a draft.
     */
    @Transactional
    public Report replace(UUID id, ReportInput input, String ifMatch) {
        Report report = locked(id);
        ETags.requireMatch(ifMatch, report.version);
        check(input);
        if (report.publishedAt != null) {
            if (!caller.hasRole(Roles.REVIEWER)) {
                throw Problems.forbidden("a published report is corrected by reviewers only");
            }
            for (int i = 0; i < input.incidentIds().size(); i++) {
                Incident incident = Incident.findById(input.incidentIds().get(i));
                if (incident.statusValue() != Status.PUBLISHED) {
                    throw Problems.invalidField("incidentIds[" + i + "]", "a published report cites published incidents only; "
                            + incident.id + " is " + incident.status);
                }
            }
        }
        report.document = mapper.write(input);
        report.incidentIds = input.incidentIds().toArray(UUID[]::new);
        report.revise(caller.name());
        record(report, "updated");
        return report;
    }

    @Transactional
    public Report publishReport(UUID id, String ifMatch) {
        Report report = locked(id);
        ETags.checkIfPresent(ifMatch, report.version);
        if (report.publishedAt != null) {
            throw Problems.conflict("the report is published already");
        }
        for (UUID incidentId : report.incidentIds) {
            Incident incident = Incident.findById(incidentId);
            if (incident == null || incident.isDeleted() || incident.statusValue() != Status.PUBLISHED) {
                throw Problems.conflict("incident " + incidentId + " is not published yet");
            }
        }
        report.revise(caller.name());
        report.status = "published";
        report.publishedAt = report.updatedAt;
        record(report, "published");
        return report;
    }

    /**
     * Newest first: staff by creation, partners by publication (the published ones only); with {@code incidentId},
     * those citing that incident (the cursor's filter is the caller's to keep).
     */
    public Page<ReportView> page(UUID incidentId, String cursor, int limit) {
        boolean staff = caller.audience().seesUnpublished();
        String time = staff ? "createdAt" : "publishedAt";
        Map<String, Object> parameters = new HashMap<>();
        String citing = "";
        if (incidentId != null) {
            citing = " and array_contains(incidentIds, :incidentId)";
            parameters.put("incidentId", incidentId);
        }
        String where = "deletedAt is null" + (staff ? "" : " and status = 'published'") + citing + " and "
                + TimeKeyset.after("reports", cursor, time, TimeKeyset.NEWEST_FIRST, parameters);
        List<Report> fetched = Report.<Report>find(where + TimeKeyset.order(time, TimeKeyset.NEWEST_FIRST), parameters).page(0, limit + 1).list();
        return Page.of(fetched, limit,
                report -> TimeKeyset.cursor("reports", staff ? report.createdAt : report.publishedAt, report.id), this::view);
    }

    public Report visible(UUID id) {
        Report report = Report.findById(id);
        if (report == null || report.isDeleted()
                || !caller.audience().seesUnpublished() && !"published".equals(report.status)) {
            throw Problems.notFound("report " + id);
        }
        return report;
    }

    /**
     * The report as this caller reads it: partners see the incidents it cites that they may read (an incident
     * retracted after the report was published is left out).
     */
    public ReportView view(Report report) {
        return view(report, caller.audience());
    }

    private ReportView view(Report report, Audience audience) {
        ReportInput content = mapper.read(report.document, ReportInput.class);
        if (!audience.seesUnpublished()) {
            List<UUID> readable = content.incidentIds().stream().filter(incidentId -> {
                Incident incident = Incident.findById(incidentId);
                return incident != null && !incident.isDeleted() && disclosure.reads(audience, incident);
            }).toList();
            content = new ReportInput(content.title(), content.summary(), readable, content.conclusions(),
                    content.recommendations());
        }
        return new ReportView(report.id, report.reference, report.version, report.status, content, report.createdAt,
                report.updatedAt, report.publishedAt);
    }

    private void check(ReportInput input) {
        for (int i = 0; i < input.incidentIds().size(); i++) {
            Incident incident = Incident.findById(input.incidentIds().get(i));
            if (incident == null || incident.isDeleted()) {
                throw Problems.invalidField("incidentIds[" + i + "]", "no incident " + input.incidentIds().get(i));
            }
        }
        if (input.recommendations() != null) {
            for (int i = 0; i < input.recommendations().size(); i++) {
                thesauri.requireActive(Vocabulary.ADDRESSEE, input.recommendations().get(i).addressee(),
                        "recommendations[" + i + "].addressee");
            }
        }
        if (input.conclusions() != null) {
            for (int i = 0; i < input.conclusions().size(); i++) {
                List<UUID> cited = input.conclusions().get(i).qualificationIds();
                for (int j = 0; cited != null && j < cited.size(); j++) {
                    LegalQualification qualification = LegalQualification.findById(cited.get(j));
                    if (qualification == null || qualification.isDeleted()
                            || !input.incidentIds().contains(qualification.incidentId)) {
                        throw Problems.invalidField("conclusions[" + i + "].qualificationIds[" + j + "]",
                                "no legal qualification of the report's incidents");
                    }
                }
            }
        }
    }

    private Report locked(UUID id) {
        Report report = Report.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (report == null || report.isDeleted()) {
            throw Problems.notFound("report " + id);
        }
        return report;
    }

    /** Keeps the change in the report's history with its event, and gives the report its next place in the feed. */
    private void record(Report report, String change) {
        recorder.recordInFeed(new ChangeRecorder.Change(AGGREGATE, report, change, null,
                () -> mapper.write(view(report, Audience.STAFF)), "org.shahed.incident.report-" + change,
                () -> new ReportEvent(report.id, report.reference, report.version, report.status,
                        List.of(report.incidentIds), report.publishedAt)), null);
    }

    /**
     * Reports changed after the cursor, each once with its latest state: staff see every report,
     * partners the published ones (a report's place before its publication is taken again when it is published).
     */
    public Page<ReportChangeView> changes(String cursor, int limit) {
        boolean staff = caller.audience().seesUnpublished();
        ChangeFeed.FeedPage<Report> page = changeFeed.read(CHANGES, ChangeFeed.cursor(cursor, null), limit,
                (after, max) -> Report.<Report>find(FeedPosition.After.HQL + (staff ? "" : " and status = 'published'")
                        + " order by " + FeedPosition.After.HQL_ORDER, after.parameters()).page(0, max).list(),
                FeedPosition::of);
        List<ReportChangeView> items = page.items().stream().map(report -> new ReportChangeView(report.id,
                report.reference, report.lastChange, report.isDeleted(), report.updatedAt,
                report.isDeleted() ? null : view(report))).toList();
        return new Page<>(items, page.next(), page.hasMore());
    }

    /** Every state of a report, for staff. */
    public Page<History.Revision> history(UUID id, String cursor, int limit) {
        return history.revisions(AGGREGATE, id, cursor, limit, "report " + id);
    }
}
