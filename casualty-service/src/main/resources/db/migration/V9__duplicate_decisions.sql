-- A reviewer's word on a pair of records: the same person, or two people. Append-only: the pair's decision is its
-- latest row, and the rows before it are its history. A pair decided "different" is never proposed again; one decided
-- "same" is listed with the decision until it is merged.
create table duplicate_decision (
    id          bigserial    primary key,
    record_low  uuid         not null references casualty (id),
    record_high uuid         not null references casualty (id),
    decision    varchar(10)  not null check (decision in ('same', 'different')),
    note        varchar(2000),
    decided_by  varchar(200) not null,
    decided_at  timestamptz  not null,
    check (record_low < record_high)
);
create index duplicate_decision_pair on duplicate_decision (record_low, record_high, id desc);
create index duplicate_decision_high on duplicate_decision (record_high);
