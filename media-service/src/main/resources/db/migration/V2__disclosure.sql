-- Who sees what: partners see files cleared for sharing that document a published incident; ingestion scripts
-- also the records of files their own organisation uploaded.

-- The organisation that uploaded the file (an API key's organisation, or "user:<name>" for a person).
alter table media_asset add column organisation varchar(200);
-- When partners could first see the file. Partners' changes feed holds only such files, so that a file they saw
-- and may no longer see reaches them as a tombstone, and one they never saw never reaches them.
alter table media_asset add column shared_at timestamptz;
create index media_asset_shared_change on media_asset (change_seq) where shared_at is not null;
