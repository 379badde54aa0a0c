-- What casualty-service knows of incidents, only from incident-service's events (never by calling it): enough to
-- aggregate by perpetrator and governorate and to flag the records of a retracted incident for review.
create table incident_projection (
    id                  uuid primary key,
    reference           varchar(20)  not null,
    version             bigint       not null,
    status              varchar(20)  not null,
    start_at            timestamptz,
    admin_pcodes        text[]       not null,
    perpetrator_parties text[]       not null,
    merged_into         uuid,
    deleted             boolean      not null,
    updated_at          timestamptz  not null
);

-- Why a record needs another look (e.g. its incident was retracted); records are never deleted for it.
alter table casualty add column review_flag varchar(100);
