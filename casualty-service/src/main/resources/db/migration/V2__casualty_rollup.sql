-- Dashboard aggregates read this rollup instead of scanning every record: one row per combination of incident,
-- month, governorate, outcome, sex, age group and civilian status, kept exact by a trigger in each write's
-- transaction. Merged and deleted records are not counted. Aggregates by perpetrator join the incidents to it.
create table casualty_rollup (
    incident_id     uuid,
    month           date,
    governorate     varchar(20),
    outcome         varchar(30) not null,
    sex             varchar(10) not null,
    age_group       varchar(10) not null,
    civilian_status varchar(40) not null,
    n               bigint      not null
);
create unique index casualty_rollup_cell on casualty_rollup
    (coalesce(incident_id, '00000000-0000-0000-0000-000000000000'), coalesce(month, date '0001-01-01'),
     coalesce(governorate, ''), outcome, sex, age_group, civilian_status);

create function casualty_rollup_apply(r casualty, delta integer) returns void
    language plpgsql as $$
begin
    if r.deleted_at is not null or r.merged_into is not null then
        return;
    end if;
    insert into casualty_rollup as cell
    values (r.incident_id, date_trunc('month', r.event_date)::date, r.admin_pcodes[1], r.outcome, r.sex,
            case when r.is_child then 'child' when r.is_child = false then 'adult' else 'unknown' end,
            r.civilian_status, delta)
    on conflict (coalesce(incident_id, '00000000-0000-0000-0000-000000000000'), coalesce(month, date '0001-01-01'),
                 coalesce(governorate, ''), outcome, sex, age_group, civilian_status)
    do update set n = cell.n + excluded.n;
end $$;

create function casualty_rollup_follow() returns trigger
    language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        perform casualty_rollup_apply(old, -1);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        perform casualty_rollup_apply(new, 1);
    end if;
    return null;
end $$;

create trigger casualty_rollup_follow after insert or update or delete on casualty
    for each row execute function casualty_rollup_follow();
