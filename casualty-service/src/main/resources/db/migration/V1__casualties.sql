-- casualty-service: every person killed, injured, detained or missing; the counts derived from them; imports.

insert into change_counter values ('casualty', 0);
create sequence casualty_reference_seq;

create table casualty (
    id                   uuid primary key,
    reference            varchar(20)  not null unique,
    version              bigint       not null,
    document             jsonb        not null,
    incident_id          uuid,
    outcome              varchar(30)  not null,
    sex                  varchar(10)  not null,
    age_years            integer,
    is_child             boolean,
    civilian_status      varchar(40)  not null,
    roles                text[]       not null,
    event_date           date,
    admin_pcodes         text[]       not null,
    documentation_level  varchar(20)  not null,
    name_text            text         not null,
    name_keys            text[]       not null,
    consent_publish_name boolean      not null,
    source_system        varchar(100),
    external_id          varchar(200),
    merged_into          uuid references casualty (id),
    change_seq           bigint       not null,
    last_change          varchar(20)  not null,
    created_at           timestamptz  not null,
    created_by           varchar(200) not null,
    updated_at           timestamptz  not null,
    updated_by           varchar(200) not null,
    deleted_at           timestamptz
);
-- Re-ingesting the same record of a source system updates it, never duplicates it.
create unique index casualty_source_record on casualty (source_system, external_id)
    where source_system is not null and external_id is not null;
create index casualty_incident on casualty (incident_id) where deleted_at is null and merged_into is null;
create index casualty_change on casualty (change_seq);
create index casualty_names on casualty using gin (shahed_fold(name_text) gin_trgm_ops);
-- Blocking for duplicate detection: candidates share a phonetic or normalised name key.
create index casualty_name_keys on casualty using gin (name_keys);
create index casualty_event_date on casualty (event_date);
create index casualty_admin on casualty using gin (admin_pcodes);

-- Merges of duplicates into a surviving record, kept so that a merge can be undone exactly.
create table casualty_merge (
    id             uuid primary key,
    survivor_id    uuid         not null references casualty (id),
    merged_id      uuid         not null references casualty (id),
    sources_added  jsonb        not null,
    merged_at      timestamptz  not null,
    merged_by      varchar(200) not null,
    unmerged_at    timestamptz,
    unmerged_by    varchar(200)
);
create index casualty_merge_merged on casualty_merge (merged_id) where unmerged_at is null;

-- Counts derived from the named records of each incident, versioned for the counts-changed events.
create table incident_counts (
    incident_id uuid primary key,
    version     bigint      not null,
    counts      jsonb       not null,
    updated_at  timestamptz not null
);

-- What sources reported, kept beside the named counts and never merged into them.
create table reported_count (
    id           uuid primary key,
    incident_id  uuid         not null,
    source       varchar(300) not null,
    as_of        date         not null,
    basis        text,
    figures      jsonb        not null,
    created_at   timestamptz  not null,
    created_by   varchar(200) not null
);
create index reported_count_incident on reported_count (incident_id);

-- Idempotency-Key of single writes: the same key replayed gets the first result.
create table idempotency_key (
    scope        varchar(300) not null,
    key          varchar(200) not null,
    request_hash varchar(64)  not null,
    resource_id  uuid         not null,
    created_at   timestamptz  not null,
    primary key (scope, key)
);

create table import_job (
    id               uuid primary key,
    idempotency_key  varchar(200) unique,
    format           varchar(10)  not null,
    status           varchar(20)  not null,
    file_path        text         not null,
    bytes_total      bigint       not null,
    bytes_read       bigint       not null default 0,
    rows_read        bigint       not null default 0,
    rows_accepted    bigint       not null default 0,
    rows_rejected    bigint       not null default 0,
    failure          text,
    created_at       timestamptz  not null,
    created_by       varchar(200) not null,
    started_at       timestamptz,
    finished_at      timestamptz
);

create table import_error (
    job_id      uuid         not null references import_job (id),
    row_number  bigint       not null,
    field       varchar(200) not null,
    reason      text         not null,
    primary key (job_id, row_number, field)
);
