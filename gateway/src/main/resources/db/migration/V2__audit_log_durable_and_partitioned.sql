-- The audit log in two parts, both partitioned by month:
--   audit_entry   what was asked, by whom: written, and committed, before the gateway answers (or, for a write,
--                 before the request reaches a service);
--   audit_outcome how it ended (status, duration), written once the answer has been sent.
-- Monthly partitions let retention drop whole months that are past the legal hold, and nothing else; rows are never
-- changed or deleted one by one. audit_log joins the two for reading.
ALTER TABLE audit_entry RENAME TO audit_entry_unpartitioned;
ALTER INDEX audit_entry_pkey RENAME TO audit_entry_unpartitioned_pkey;
ALTER INDEX audit_entry_by_subject RENAME TO audit_entry_unpartitioned_by_subject;
ALTER INDEX audit_entry_by_key RENAME TO audit_entry_unpartitioned_by_key;
ALTER INDEX audit_entry_by_time RENAME TO audit_entry_unpartitioned_by_time;
ALTER INDEX audit_entry_by_resource RENAME TO audit_entry_unpartitioned_by_resource;

CREATE SEQUENCE audit_entry_ids;
CREATE TABLE audit_entry (
    id            bigint      NOT NULL DEFAULT nextval('audit_entry_ids'),
    at            timestamptz NOT NULL,
    request_id    text,
    subject       text,
    api_key_id    uuid,
    roles         text[]      NOT NULL DEFAULT '{}',
    client_ip     text,
    method        text        NOT NULL,
    path          text        NOT NULL,
    query         text,
    resource_ids  uuid[]      NOT NULL DEFAULT '{}',
    backend       text,
    -- The request's trace (OpenTelemetry), to follow it into the services' logs and traces.
    trace_id      text,
    PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
ALTER SEQUENCE audit_entry_ids OWNED BY audit_entry.id;

CREATE TABLE audit_outcome (
    entry_id     bigint      NOT NULL,
    -- The entry's own time, so that an outcome lies in the same month's partition as its entry.
    at           timestamptz NOT NULL,
    status       integer     NOT NULL,
    duration_ms  integer     NOT NULL,
    PRIMARY KEY (entry_id, at)
) PARTITION BY RANGE (at);

-- A safety net: a row of a month whose partition was not made in time is kept, never refused.
CREATE TABLE audit_entry_default PARTITION OF audit_entry DEFAULT;
CREATE TABLE audit_outcome_default PARTITION OF audit_outcome DEFAULT;

-- Makes the partitions of the month (UTC) that contains the given day, if missing. The gateway calls it ahead of time.
CREATE FUNCTION audit_log_add_month(day date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    first date := date_trunc('month', day)::date;
    suffix text := to_char(first, 'YYYY_MM');
    tbl text;
BEGIN
    FOREACH tbl IN ARRAY ARRAY['audit_entry', 'audit_outcome'] LOOP
        IF to_regclass(tbl || '_' || suffix) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                    tbl || '_' || suffix, tbl, first::timestamp AT TIME ZONE 'UTC',
                    (first + interval '1 month')::timestamp AT TIME ZONE 'UTC');
            -- Statement triggers of the parent do not fire for a TRUNCATE aimed at a partition itself.
            EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()',
                    tbl || '_' || suffix || '_no_truncate', tbl || '_' || suffix);
        END IF;
    END LOOP;
END;
$$;

-- Partitions for every month that holds entries already, and the months ahead.
DO $$
DECLARE
    month date := date_trunc('month', least(now(), coalesce((SELECT min(at) FROM audit_entry_unpartitioned), now()))
            AT TIME ZONE 'UTC')::date;
BEGIN
    WHILE month <= ((now() AT TIME ZONE 'UTC') + interval '3 months')::date LOOP
        PERFORM audit_log_add_month(month);
        month := (month + interval '1 month')::date;
    END LOOP;
END;
$$;

INSERT INTO audit_entry (id, at, request_id, subject, api_key_id, roles, client_ip, method, path, query, resource_ids, backend)
SELECT id, at, request_id, subject, api_key_id, roles, client_ip, method, path, query, resource_ids, backend
FROM audit_entry_unpartitioned;
INSERT INTO audit_outcome (entry_id, at, status, duration_ms)
SELECT id, at, status, duration_ms FROM audit_entry_unpartitioned;
SELECT setval('audit_entry_ids', coalesce((SELECT max(id) FROM audit_entry_unpartitioned), 0) + 1, false);
DROP TABLE audit_entry_unpartitioned;

CREATE INDEX audit_entry_by_subject ON audit_entry (subject, id);
CREATE INDEX audit_entry_by_key ON audit_entry (api_key_id, id) WHERE api_key_id IS NOT NULL;
CREATE INDEX audit_entry_by_time ON audit_entry (at);
CREATE INDEX audit_entry_by_resource ON audit_entry USING gin (resource_ids);

-- Append-only, partitions included (row triggers of a partitioned table apply to each partition).
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_outcome_append_only BEFORE UPDATE OR DELETE ON audit_outcome
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_outcome_no_truncate BEFORE TRUNCATE ON audit_outcome
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_entry_default_no_truncate BEFORE TRUNCATE ON audit_entry_default
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_outcome_default_no_truncate BEFORE TRUNCATE ON audit_outcome_default
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();

-- An entry with no outcome is a request the gateway stopped (or crashed) before it ended.
CREATE VIEW audit_log AS
SELECT e.id, e.at, e.request_id, e.subject, e.api_key_id, e.roles, e.client_ip, e.method, e.path, e.query,
       e.resource_ids, e.backend, e.trace_id, o.status, o.duration_ms
FROM audit_entry e LEFT JOIN audit_outcome o ON o.entry_id = e.id AND o.at = e.at;
