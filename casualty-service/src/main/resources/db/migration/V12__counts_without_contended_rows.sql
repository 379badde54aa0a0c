-- Writers no longer update shared rows for the dashboard's rollup or an incident's counts, each of which they held
-- locked until commit (every record of no incident, or of one massacre, falls in one rollup cell and one counts
-- row, so such writers took turns).
--
-- The rollup: each statement's changes are appended to casualty_rollup_pending, which has no unique cell and so
-- is never waited on; aggregates read casualty_rollup_now (the folded cells and the pending changes, summed); the
-- counts upkeep (CountsUpkeep) moves pending changes into the cells in one statement, so a reader sees each
-- change once, before or after.
create table casualty_rollup_pending (
    incident_id     uuid,
    month           date,
    governorate     varchar(20),
    outcome         varchar(30) not null,
    sex             varchar(10) not null,
    age_group       varchar(10) not null,
    civilian_status varchar(40) not null,
    n               bigint      not null
);

create view casualty_rollup_now as
    select incident_id, month, governorate, outcome, sex, age_group, civilian_status, n from casualty_rollup
    union all
    select incident_id, month, governorate, outcome, sex, age_group, civilian_status, n from casualty_rollup_pending;

create or replace function casualty_rollup_follow() returns trigger
    language plpgsql as $$
declare
    -- The cells of the changed records, each with +1 (after the change) or -1 (before it); deleted and merged
    -- records are not counted.
    cells constant text := $q$
        select incident_id, date_trunc('month', event_date)::date, admin_pcodes[1], outcome, sex,
               case when is_child then 'child' when is_child = false then 'adult' else 'unknown' end,
               civilian_status, %s
        from %I where deleted_at is null and merged_into is null $q$;
    changes text;
begin
    changes := case tg_op
        when 'INSERT' then format(cells, 1, 'new_rows')
        when 'DELETE' then format(cells, -1, 'old_rows')
        else format(cells, -1, 'old_rows') || ' union all ' || format(cells, 1, 'new_rows')
    end;
    execute $q$
        insert into casualty_rollup_pending
        select c.incident_id, c.month, c.governorate, c.outcome, c.sex, c.age_group, c.civilian_status, sum(c.delta)
        from ($q$ || changes || $q$) as c (incident_id, month, governorate, outcome, sex, age_group, civilian_status, delta)
        group by 1, 2, 3, 4, 5, 6, 7
        having sum(c.delta) <> 0 $q$;
    return null;
end $$;

-- An incident's counts: a write notes that they are due, and the upkeep (or a reader of them, first) recounts each
-- due incident once for however many writes noted it meanwhile. Rows are only ever added and removed.
create table incident_counts_due (
    incident_id uuid        not null,
    noted_at    timestamptz not null default now()
);
create index incident_counts_due_incident on incident_counts_due (incident_id);
