create table place (
    id uuid primary key,
    name_en text not null,
    name_ar text not null
);
insert into place values ('6f1c1d1e-2b0a-4c55-9a3e-2d1f4b8a0c01', 'Al Qouriyah', 'القورية');
