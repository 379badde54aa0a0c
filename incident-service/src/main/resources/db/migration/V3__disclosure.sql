-- Who sees what: the organisation that wrote an incident (an API key's organisation, or "user:<name>" for a
-- person): an ingestion script reads its own organisation's incidents beside the published ones.
alter table incident add column organisation varchar(200);
create index incident_organisation on incident (organisation);
