-- The trace a change was made in (W3C traceparent of the write's span), carried by its events to their consumers.
ALTER TABLE outbox_event ADD COLUMN traceparent text;
