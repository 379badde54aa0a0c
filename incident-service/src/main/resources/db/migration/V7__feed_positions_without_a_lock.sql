-- The changes feeds' positions no longer come from counter rows that every writer locked until commit: each
-- change is placed by its transaction's id (change_txid) and a number from a sequence (change_seq), and readers
-- see changes only below the oldest transaction still running (ChangeFeed). Records written before keep their
-- number with transaction 0, so the cursors clients hold still resume where they were.
alter table incident add column change_txid bigint not null default 0;
alter table incident alter column change_txid drop default;
create sequence incident_change_seq;
select setval('incident_change_seq', value + 1, false) from change_counter where name = 'incident';

alter table report add column change_txid bigint not null default 0;
alter table report alter column change_txid drop default;
create sequence report_change_seq;
select setval('report_change_seq', value + 1, false) from change_counter where name = 'report';
drop table change_counter;

drop index incident_change;
drop index report_change;
create index incident_change on incident (change_txid, change_seq);
create index report_change on report (change_txid, change_seq);
