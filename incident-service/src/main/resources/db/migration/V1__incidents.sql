-- incident-service: what happened, where, when, who is alleged to have done it, what witnesses said,
-- and what it amounts to in law.

-- Controlled vocabularies: stable codes, labels in English and Arabic.
create table thesaurus_term (
    vocabulary  varchar(50)  not null,
    code        varchar(100) not null,
    label_en    varchar(300) not null,
    label_ar    varchar(300) not null,
    description text,
    active      boolean      not null default true,
    updated_at  timestamptz  not null default now(),
    primary key (vocabulary, code)
);

-- Which party controlled an area, and when (e.g. ISIS in Al Mayadin district since July 2014).
create table area_control (
    id          uuid primary key,
    area_pcode  varchar(20)  not null,
    party_code  varchar(100) not null,
    valid_from  date         not null,
    valid_to    date,
    source      text         not null,
    created_at  timestamptz  not null,
    created_by  varchar(200) not null,
    check (valid_to is null or valid_to >= valid_from)
);
create index area_control_lookup on area_control (area_pcode, valid_from);

create sequence incident_reference_seq;

insert into change_counter values ('incident', 0);

create table incident (
    id                 uuid primary key,
    reference          varchar(20)  not null unique,
    version            bigint       not null,
    status             varchar(20)  not null,
    document           jsonb        not null,
    types              text[]       not null,
    start_at           timestamptz  not null,
    end_at             timestamptz,
    admin_pcodes       text[]       not null,
    latitude           double precision,
    longitude          double precision,
    controlling_party  varchar(100),
    perpetrator_parties text[]      not null,
    attribution_grades text[]       not null,
    pattern_flags      text[]       not null,
    search_text        text         not null,
    place_text         text         not null,
    casualty_summary   jsonb,
    change_seq         bigint       not null,
    last_change        varchar(20)  not null,
    created_at         timestamptz  not null,
    created_by         varchar(200) not null,
    updated_at         timestamptz  not null,
    updated_by         varchar(200) not null,
    published_at       timestamptz,
    retraction_reason  text,
    merged_into        uuid references incident (id),
    deleted_at         timestamptz
);
create index incident_start on incident (start_at desc, id);
create index incident_updated on incident (updated_at desc, id);
create index incident_change on incident (change_seq);
create index incident_status on incident (status);
create index incident_types on incident using gin (types);
create index incident_admin on incident using gin (admin_pcodes);
create index incident_perpetrators on incident using gin (perpetrator_parties);
create index incident_flags on incident using gin (pattern_flags);
create index incident_search_fts on incident using gin (to_tsvector('simple', shahed_fold(search_text)));
create index incident_search_trgm on incident using gin (shahed_fold(search_text) gin_trgm_ops);
create index incident_place_trgm on incident using gin (shahed_fold(place_text) gin_trgm_ops);
create index incident_position on incident (latitude, longitude);

-- Events Standard Formats' chain of events: follow-up strike, same operation, duplicate.
create table incident_link (
    id                       uuid primary key,
    from_incident            uuid         not null references incident (id),
    to_incident              uuid         not null references incident (id),
    link_type                varchar(30)  not null,
    interval_minutes         integer,
    first_responders_harmed  boolean,
    status                   varchar(20)  not null,
    note                     text,
    created_at               timestamptz  not null,
    created_by               varchar(200) not null,
    check (from_incident <> to_incident)
);
create unique index incident_link_once on incident_link (from_incident, to_incident, link_type);

create table testimony (
    id           uuid primary key,
    incident_id  uuid         not null references incident (id),
    version      bigint       not null,
    document     jsonb        not null,
    created_at   timestamptz  not null,
    created_by   varchar(200) not null,
    updated_at   timestamptz  not null,
    updated_by   varchar(200) not null,
    deleted_at   timestamptz
);
create index testimony_incident on testimony (incident_id);

create table legal_qualification (
    id           uuid primary key,
    incident_id  uuid         not null references incident (id),
    version      bigint       not null,
    document     jsonb        not null,
    created_at   timestamptz  not null,
    created_by   varchar(200) not null,
    updated_at   timestamptz  not null,
    updated_by   varchar(200) not null,
    deleted_at   timestamptz
);
create index legal_qualification_incident on legal_qualification (incident_id);

create sequence report_reference_seq;

create table report (
    id           uuid primary key,
    reference    varchar(20)  not null unique,
    version      bigint       not null,
    status       varchar(20)  not null,
    document     jsonb        not null,
    incident_ids uuid[]       not null,
    created_at   timestamptz  not null,
    created_by   varchar(200) not null,
    updated_at   timestamptz  not null,
    updated_by   varchar(200) not null,
    published_at timestamptz,
    deleted_at   timestamptz
);
