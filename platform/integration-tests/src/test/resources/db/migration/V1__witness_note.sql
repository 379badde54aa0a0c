-- A stand-in aggregate, only for testing the shared mechanics.
create table witness_note (
    id   uuid primary key,
    text varchar(500) not null
);
