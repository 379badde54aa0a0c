-- media-service: evidence files kept unaltered in S3, what is known of them, and their chain of custody.

insert into change_counter values ('media', 0);
create sequence media_reference_seq;

create table media_asset (
    id                        uuid primary key,
    reference                 varchar(20)  not null unique,
    version                   bigint       not null,
    -- What people say of the file: title, description, acquisition, sensitivity, verification (the API record).
    document                  jsonb        not null,
    -- What the bytes say: fixed at upload, never edited.
    sha256                    varchar(64)   not null unique,
    size_bytes                bigint       not null,
    media_type                varchar(100) not null,
    kind                      varchar(10)  not null,
    original_file_name        varchar(255) not null,
    object_key                varchar(200) not null,
    extracted                 jsonb        not null,
    captured_at               timestamptz,
    -- Originals' GPS is protected: kept here, shown only to roles that may see protected fields.
    gps_latitude              double precision,
    gps_longitude             double precision,
    verification_status       varchar(20)  not null,
    cleared_for_sharing       boolean      not null,
    protected_persons_visible boolean      not null,
    graphic                   boolean      not null,
    review_flag               varchar(40),
    -- RFC 3161 time-stamp response of the original's hash, when a time-stamping authority is configured.
    timestamp_response        bytea,
    timestamped_at            timestamptz,
    last_fixity_check_at      timestamptz,
    last_fixity_ok            boolean,
    change_seq                bigint       not null,
    last_change               varchar(30)  not null,
    created_at                timestamptz  not null,
    created_by                varchar(200) not null,
    updated_at                timestamptz  not null,
    updated_by                varchar(200) not null,
    deleted_at                timestamptz
);
create index media_asset_change on media_asset (change_seq);
create index media_asset_captured on media_asset (captured_at);
create index media_asset_created on media_asset (created_at, id);
create index media_asset_fixity on media_asset (last_fixity_check_at nulls first) where deleted_at is null;

-- Append-only and hash-chained: each entry's hash covers the previous entry's hash, so an edited or removed
-- entry breaks the chain from there on.
create table custody_entry (
    asset_id      uuid         not null references media_asset (id),
    position      integer      not null,
    action        varchar(40)  not null,
    actor         varchar(200) not null,
    at            timestamptz  not null,
    -- Kept as the exact JSON text that was hashed.
    details       text         not null,
    previous_hash varchar(64)   not null,
    entry_hash    varchar(64)   not null,
    primary key (asset_id, position)
);
-- The log is append-only: the database refuses changes and deletions of entries, whoever asks.
create function custody_entry_append_only() returns trigger
    language plpgsql as $$
begin
    raise exception 'custody entries are append-only';
end $$;
create trigger custody_entry_append_only before update or delete on custody_entry
    for each row execute function custody_entry_append_only();

-- Shareable copies made from the original (never the original itself): re-encoded, without metadata.
create table media_derivative (
    asset_id    uuid         not null references media_asset (id),
    kind        varchar(20)  not null,
    object_key  varchar(200) not null,
    sha256      varchar(64)   not null,
    size_bytes  bigint       not null,
    media_type  varchar(100) not null,
    width       integer      not null,
    height      integer      not null,
    created_at  timestamptz  not null,
    primary key (asset_id, kind)
);

-- Links to incidents and casualty records, with why; removed links stay with who removed them.
create table media_link (
    id          uuid primary key,
    asset_id    uuid         not null references media_asset (id),
    target_type varchar(20)  not null,
    target_id   uuid         not null,
    reason      text         not null,
    created_at  timestamptz  not null,
    created_by  varchar(200) not null,
    removed_at  timestamptz,
    removed_by  varchar(200)
);
create unique index media_link_live on media_link (asset_id, target_type, target_id) where removed_at is null;
create index media_link_target on media_link (target_type, target_id) where removed_at is null;

-- What this service knows of other services' records, from their events: enough to check links and to hide
-- media of retracted incidents from partners.
create table incident_projection (
    id         uuid primary key,
    reference  varchar(30)  not null,
    status     varchar(30)  not null,
    version    bigint       not null,
    deleted    boolean      not null,
    updated_at timestamptz  not null
);
create table casualty_projection (
    id          uuid primary key,
    reference   varchar(30)  not null,
    incident_id uuid,
    version     bigint       not null,
    deleted     boolean      not null,
    updated_at  timestamptz  not null
);

-- Resumable uploads: a large file sent in parts, each kept as a staging object in the working bucket until the
-- upload is completed (then the file goes through the ordinary upload) or aborted or expired (then removed).
create table upload_session (
    id              uuid primary key,
    file_name       varchar(255),
    declared_type   varchar(100),
    client_sha256   varchar(64),
    total_bytes     bigint       not null,
    part_bytes      bigint       not null,
    acquisition     jsonb,
    status          varchar(20)  not null,
    asset_id        uuid references media_asset (id),
    created_at      timestamptz  not null,
    created_by      varchar(200) not null,
    expires_at      timestamptz  not null
);
create index upload_session_expiry on upload_session (expires_at) where status = 'open';

create table upload_part (
    session_id uuid        not null references upload_session (id),
    number     integer     not null,
    size_bytes bigint      not null,
    sha256     varchar(64) not null,
    primary key (session_id, number)
);
