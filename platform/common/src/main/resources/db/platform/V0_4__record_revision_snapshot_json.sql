-- History snapshots are kept and shown as they were written, never queried inside: json (checked, stored as text)
-- is enough, and takes less than half the work of jsonb to write (bulk imports write one per record).
alter table record_revision alter column snapshot type json using snapshot::json;
