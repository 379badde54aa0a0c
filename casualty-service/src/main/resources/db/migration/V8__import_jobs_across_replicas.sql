-- An import's file is kept in the database, not in one pod's temporary folder, so that whichever replica runs or
-- resumes its job can read it; it is deleted when the job ends. Chunks are stored as they are: they are read once,
-- and compressing them would cost more than the space is worth for the little time they are kept.
create table import_file_chunk (
    job_id   uuid    not null references import_job (id),
    position integer not null,
    data     bytea   not null,
    primary key (job_id, position)
);
alter table import_file_chunk alter column data set storage external;

-- A job is run by the replica that holds its claim, for as long as that replica renews the lease. A replica that
-- dies lets the lease run out, and another one resumes the job after its last committed batch.
alter table import_job add column claimed_by varchar(200);
alter table import_job add column lease_until timestamptz;
create index import_job_unfinished on import_job (created_at) where status in ('queued', 'running');

-- Jobs waiting when this version is installed had their file in a pod's temporary folder, which the new version
-- does not read: they end, saying why, and their callers send the file again.
update import_job set status = 'failed', finished_at = now(),
       failure = 'interrupted by an upgrade of the service before it ran; send the file again'
 where status in ('queued', 'running');
alter table import_job drop column file_path;
