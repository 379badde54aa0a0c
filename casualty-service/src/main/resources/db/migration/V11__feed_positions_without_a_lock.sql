-- The changes feed's positions no longer come from a counter row that every writer locked until commit: each
-- change is placed by its transaction's id (change_txid) and a number from a sequence (change_seq), and readers
-- see changes only below the oldest transaction still running (ChangeFeed). Records written before keep their
-- number with transaction 0, so the cursors clients hold still resume where they were.
alter table casualty add column change_txid bigint not null default 0;
alter table casualty alter column change_txid drop default;
create sequence casualty_change_seq;
select setval('casualty_change_seq', value + 1, false) from change_counter where name = 'casualty';
drop table change_counter;

drop index casualty_change;
drop index casualty_shared_change;
drop index casualty_organisation_change;
create index casualty_change on casualty (change_txid, change_seq);
create index casualty_shared_change on casualty (change_txid, change_seq) where shared_at is not null;
create index casualty_organisation_change on casualty (organisation, change_txid, change_seq);
