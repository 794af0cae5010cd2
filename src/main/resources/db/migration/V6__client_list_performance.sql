-- What the Clients page needs to stay fast at 100,000 clients (see docs/benchmarks.md).

-- The tags a provider uses, for the page's tag filter. Reading them from client_record meant unnesting the
-- tags of every client on every page view. Statement-level triggers keep the set whatever writes the
-- records (forms, imports, the API, SQL), at one extra statement per write statement, not per row.
-- Tags are only added: a tag no longer used stays in the filter (it then finds no client).
create table client_tag (
    provider_id uuid not null references organization (id) on delete cascade,
    tag         text not null,
    primary key (provider_id, tag)
);

insert into client_tag (provider_id, tag)
select distinct provider_id, unnest(tags) from client_record
on conflict do nothing;

create function client_tag_collect() returns trigger
    language plpgsql as
$$
begin
    insert into client_tag (provider_id, tag)
    select distinct provider_id, unnest(tags) from changed_rows where tags <> '{}'
    on conflict do nothing;
    return null;
end
$$;

create trigger client_record_tags_inserted after insert on client_record
    referencing new table as changed_rows for each statement execute function client_tag_collect();
create trigger client_record_tags_updated after update on client_record
    referencing new table as changed_rows for each statement execute function client_tag_collect();

alter table client_tag enable row level security;
create policy client_tag_tenant on client_tag to rapport_tenant
    using (provider_id = rapport_current_tenant());

-- Name prefixes ("client 777") walk this b-tree; the trigram index matched every name sharing the
-- prefix's common trigrams and rechecked them all.
create index client_record_name_prefix on client_record (provider_id, lower(display_name) text_pattern_ops);
