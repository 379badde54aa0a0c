package org.shahed.incident.incident;

import java.util.Set;

/** The explicit verification steps, each allowed from some statuses only. */
public enum WorkflowAction {
    REVIEW("submitted-for-review", Status.UNDER_REVIEW, Set.of(Status.DRAFT)),
    RETURN_TO_DRAFT("returned-to-draft", Status.DRAFT, Set.of(Status.UNDER_REVIEW, Status.VERIFIED)),
    VERIFY("verified", Status.VERIFIED, Set.of(Status.UNDER_REVIEW)),
    PUBLISH("published", Status.PUBLISHED, Set.of(Status.VERIFIED)),
    RETRACT("retracted", Status.RETRACTED, Set.of(Status.UNDER_REVIEW, Status.VERIFIED, Status.PUBLISHED));

    /** The name of the change in the history and the changes feed. */
    final String change;
    final Status target;
    final Set<Status> from;

    WorkflowAction(String change, Status target, Set<Status> from) {
        this.change = change;
        this.target = target;
        this.from = from;
    }
}
