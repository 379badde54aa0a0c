-- What an import did with its accepted rows, and imports that only check a file (dry runs, nothing written).
alter table import_job add column rows_created bigint not null default 0;
alter table import_job add column rows_updated bigint not null default 0;
alter table import_job add column rows_unchanged bigint not null default 0;
alter table import_job add column dry_run boolean not null default false;
-- The request an Idempotency-Key stands for is the file and whether it was a dry run.
alter table import_job alter column request_hash type varchar(80);
