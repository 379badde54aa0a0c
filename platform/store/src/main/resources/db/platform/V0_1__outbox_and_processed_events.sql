-- Shared by every service (from shahed-platform-common); each service's own migrations start at V1.

-- Change events written in the same transaction as the change itself, published to Kafka by the relay.
create table outbox_event (
    id             uuid primary key,
    sequence       bigint generated always as identity unique,
    topic          varchar(249) not null,
    aggregate_type varchar(100) not null,
    aggregate_id   varchar(100) not null,
    event_type     varchar(200) not null,
    payload        jsonb        not null,
    occurred_at    timestamptz  not null,
    published_at   timestamptz,
    attempts       integer      not null default 0,
    last_error     text
);
create index outbox_event_pending on outbox_event (sequence) where published_at is null;
create index outbox_event_aggregate on outbox_event (aggregate_type, aggregate_id, sequence);

-- Event ids a consumer has applied, written in the transaction of the effect: a redelivered event is skipped.
create table processed_event (
    consumer     varchar(100) not null,
    event_id     varchar(200) not null,
    processed_at timestamptz  not null,
    primary key (consumer, event_id)
);
