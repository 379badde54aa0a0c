-- Reports take a place in a changes feed of their own, as incidents do, so that a partner's sync learns of a report
-- published or corrected. Existing reports are placed in the order of their last change.
alter table report add column change_seq bigint;
alter table report add column last_change varchar(20);
insert into change_counter values ('report', 0);
with ordered as (select id, row_number() over (order by updated_at, id) as position from report)
update report set change_seq = ordered.position,
                  last_change = case when report.status = 'published' then 'published' else 'updated' end
  from ordered where report.id = ordered.id;
update change_counter set value = (select coalesce(max(change_seq), 0) from report) where name = 'report';
alter table report alter column change_seq set not null;
alter table report alter column last_change set not null;
create index report_change on report (change_seq);
