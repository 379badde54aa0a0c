-- An import's Idempotency-Key stands for one file: the SHA-256 of what was sent. The same key with another file
-- is refused instead of silently returning the earlier job.
alter table import_job add column request_hash varchar(64);

-- A rejected row names the record's id in its source system, when the row gave one.
alter table import_error add column external_id varchar(200);
