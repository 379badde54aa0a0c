-- A capture time whose zone the file does not give is kept as the device's local time, not as UTC.
alter table media_asset add column captured_local timestamp;

-- Until now such times were stored as if UTC (captureTimeZone "unknown"): their wall-clock value is the local time.
update media_asset set captured_local = captured_at at time zone 'UTC';
update media_asset set captured_at = null where extracted ->> 'captureTimeZone' = 'unknown';
