package org.shahed.casualty;

import org.shahed.platform.store.RetentionRule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** What casualty-service keeps only for a while (see CasualtyConfig.Retention); the records themselves stay. */
@ApplicationScoped
public class CasualtyRetention {
    @Produces
    RetentionRule idempotencyKeys(CasualtyConfig config) {
        return new RetentionRule("idempotency keys", "idempotency_key", "created_at < ?", config.retention().idempotencyKeys());
    }

    @Produces
    RetentionRule importErrors(CasualtyConfig config) {
        return new RetentionRule("import row errors", "import_error",
                "job_id in (select id from import_job where finished_at < ?)", config.retention().importErrors());
    }
}
