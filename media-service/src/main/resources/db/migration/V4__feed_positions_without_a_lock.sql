-- The changes feed's positions no longer come from a counter row that every writer locked until commit: each
-- change is placed by its transaction's id (change_txid) and a number from a sequence (change_seq), and readers
-- see changes only below the oldest transaction still running (ChangeFeed). Files changed before keep their
-- number with transaction 0, so the cursors clients hold still resume where they were.
alter table media_asset add column change_txid bigint not null default 0;
alter table media_asset alter column change_txid drop default;
create sequence media_change_seq;
select setval('media_change_seq', value + 1, false) from change_counter where name = 'media';
drop table change_counter;

drop index media_asset_change;
drop index media_asset_shared_change;
create index media_asset_change on media_asset (change_txid, change_seq);
create index media_asset_shared_change on media_asset (change_txid, change_seq) where shared_at is not null;
