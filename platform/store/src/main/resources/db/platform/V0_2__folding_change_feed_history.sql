-- Shared by every service (from shahed-platform-common).

-- Text is searched after folding the spellings that Arabic and Latin sources vary in: diacritics, tatweel,
-- hamza/alef forms, taa marbuta, alef maqsura; Latin case, accents and apostrophes. Queries are folded by the
-- same function, so stored text and query always agree.
create extension if not exists pg_trgm;
create function shahed_fold(value text) returns text
    language sql immutable parallel safe
    return lower(
        translate(
            regexp_replace(coalesce(value, ''), '[\u064B-\u065F\u0670\u0640]', '', 'g'),
            'أإآٱؤئةىÀÁÂÃÄÅàáâãäåÈÉÊËèéêëÌÍÎÏìíîïÒÓÔÕÖòóôõöÙÚÛÜùúûüÇçÑñ''’`',
            'ااااويهيAAAAAAaaaaaaEEEEeeeeIIIIiiiiOOOOOoooooUUUUuuuuCcNn'));

-- Changes feeds order writes by a counter per feed; taking a value locks its row until commit, so a feed's
-- order is the commit order and a reader never skips a change that commits late.
create table change_counter (
    name  varchar(50) primary key,
    value bigint not null
);

-- Every state of every record, as the API showed it after each change, with who changed it and how.
create table record_revision (
    aggregate_type varchar(50)  not null,
    aggregate_id   uuid         not null,
    revision       bigint       not null,
    change         varchar(30)  not null,
    changed_at     timestamptz  not null,
    changed_by     varchar(200) not null,
    note           text,
    snapshot       jsonb        not null,
    primary key (aggregate_type, aggregate_id, revision)
);
