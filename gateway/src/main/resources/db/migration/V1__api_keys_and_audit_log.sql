-- API keys of partner organisations and scripts. Only a SHA-256 hash of each secret is kept: the secret is
-- shown once, when the key is made or rotated. Keys are never deleted; a revoked key stays listed.
CREATE TABLE api_key (
    id                    uuid PRIMARY KEY,
    name                  text        NOT NULL,
    organisation          text        NOT NULL,
    roles                 text[]      NOT NULL,
    ip_ranges             text[]      NOT NULL DEFAULT '{}',
    rate_limit_capacity   integer,
    rate_limit_period_s   integer,
    key_prefix            text        NOT NULL,
    key_hash              text        NOT NULL UNIQUE,
    -- After a rotation the previous secret may stay valid for a grace period.
    previous_key_hash     text UNIQUE,
    previous_valid_until  timestamptz,
    expires_at            timestamptz,
    created_at            timestamptz NOT NULL,
    created_by            text        NOT NULL,
    rotated_at            timestamptz,
    revoked_at            timestamptz,
    revoked_by            text,
    version               integer     NOT NULL
);
CREATE INDEX api_key_listing ON api_key (created_at, id);

-- Who did what through the gateway, and with what result. Append-only: the database refuses changes.
CREATE TABLE audit_entry (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
    status        integer     NOT NULL,
    backend       text,
    duration_ms   integer     NOT NULL
);
CREATE INDEX audit_entry_by_subject ON audit_entry (subject, id);
CREATE INDEX audit_entry_by_key ON audit_entry (api_key_id, id) WHERE api_key_id IS NOT NULL;
CREATE INDEX audit_entry_by_time ON audit_entry (at);
CREATE INDEX audit_entry_by_resource ON audit_entry USING gin (resource_ids);

CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
