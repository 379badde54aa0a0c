-- The names of a record as de-duplication reads them, beside the document: a record's candidates are scored from
-- a few hundred rows of its block, and reading each whole document (often stored out of line, compressed) cost most
-- of the time. Filled by every write, and for older records by the background rekeying (keys version v:3).
alter table casualty add column match_names jsonb;

-- New keys go straight into the name-key index rather than into its pending list, which every lookup reads whole
-- (up to 4 MB): with it, a record's candidates took ten times as long (bench dedup). Imports pay a little for it.
alter index casualty_name_keys set (fastupdate = off);
