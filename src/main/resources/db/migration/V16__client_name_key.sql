-- Lowercased names in a column of their own, so that name sorting and name-prefix searches run behind the
-- row-level-security wall through their indexes. PostgreSQL applies a condition that calls a function not
-- marked leakproof, such as lower() or LIKE, only after the tenant policy, as a filter over the rows:
-- a page of the name-sorted list 45,000 names deep walked those 45,000 index entries (38 ms), and name
-- searches had to find their ids outside the wall first. Comparisons of plain text columns are leakproof.
alter table client_record add column name_key text generated always as (lower(display_name)) stored;

-- see V8: narrow prefixes ('client 4242') need the fine histogram to be estimated as narrow
alter table client_record alter column name_key set statistics 1000;

drop index client_record_by_name;
drop index client_record_name_prefix;
create index client_record_by_name on client_record (provider_id, name_key, id);
create index client_record_name_prefix on client_record (provider_id, name_key text_pattern_ops);

-- Name searches are prefix searches (the b-tree above); this trigram index was used by none and cost
-- every insert and rename its trigram entries.
drop index client_record_name_search;

-- the new column has no statistics until autovacuum gets to the table; plan with them from the start
analyze client_record;
