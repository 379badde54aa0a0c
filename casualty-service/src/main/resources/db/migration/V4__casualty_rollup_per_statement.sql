-- The rollup follows each statement instead of each row: a bulk import's COPY of hundreds of records adds them
-- to the rollup with one grouped upsert, not one upsert per record. Same cells, same counts.
drop trigger casualty_rollup_follow on casualty;
drop function casualty_rollup_follow();
drop function casualty_rollup_apply(casualty, integer);

create function casualty_rollup_follow() returns trigger
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
        insert into casualty_rollup as cell
        select c.incident_id, c.month, c.governorate, c.outcome, c.sex, c.age_group, c.civilian_status, sum(c.delta)
        from ($q$ || changes || $q$) as c (incident_id, month, governorate, outcome, sex, age_group, civilian_status, delta)
        group by 1, 2, 3, 4, 5, 6, 7
        having sum(c.delta) <> 0
        on conflict (coalesce(incident_id, '00000000-0000-0000-0000-000000000000'), coalesce(month, date '0001-01-01'),
                     coalesce(governorate, ''), outcome, sex, age_group, civilian_status)
        do update set n = cell.n + excluded.n $q$;
    return null;
end $$;

-- A trigger with transition tables has one event each.
create trigger casualty_rollup_inserted after insert on casualty
    referencing new table as new_rows for each statement execute function casualty_rollup_follow();
create trigger casualty_rollup_updated after update on casualty
    referencing old table as old_rows new table as new_rows for each statement execute function casualty_rollup_follow();
create trigger casualty_rollup_deleted after delete on casualty
    referencing old table as old_rows for each statement execute function casualty_rollup_follow();
