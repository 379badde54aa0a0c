-- The counts-changed event of a recount continues the trace of the write that noted the counts due (the latest one
-- when several did), so that a write can still be followed to its effect in incident-service.
alter table incident_counts_due add column traceparent text;
