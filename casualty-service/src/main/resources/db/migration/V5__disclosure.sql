-- Who sees what: partners see only records of published incidents; ingestion scripts also what their own
-- organisation wrote.

-- The organisation that wrote a record (an API key's organisation, or "user:<name>" for a person).
alter table casualty add column organisation varchar(200);
-- When the record first became visible to partners (its incident published). Partners' changes feed holds only
-- such records, so that a record they once saw and may no longer see reaches them as a tombstone, and a record
-- they never saw never reaches them at all.
alter table casualty add column shared_at timestamptz;
create index casualty_shared_change on casualty (change_seq) where shared_at is not null;
create index casualty_organisation_change on casualty (organisation, change_seq);

-- Import jobs belong to the organisation that started them, and an Idempotency-Key to the caller that sent it.
alter table import_job add column organisation varchar(200);
alter table import_job drop constraint import_job_idempotency_key_key;
create unique index import_job_caller_key on import_job (created_by, idempotency_key) where idempotency_key is not null;
create index import_job_organisation on import_job (organisation, created_at);
