-- A bulk write's events can share one outbox row: its payload is then a JSON array of the events (id, subject,
-- type, data), which the relay publishes one by one, in order. One row instead of hundreds saves the writer an
-- index entry per event per index, and the relay a row update per event.
alter table outbox_event add column event_count integer not null default 1;
