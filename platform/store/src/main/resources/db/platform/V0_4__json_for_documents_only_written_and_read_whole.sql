-- History snapshots and event payloads are kept and read back whole, as they were written, never queried inside:
-- json (checked, stored as text) is enough, and takes less than half the work of jsonb to write (a bulk import
-- writes a snapshot per record and a payload per batch of events).
alter table record_revision alter column snapshot type json using snapshot::json;
alter table outbox_event alter column payload type json using payload::json;
