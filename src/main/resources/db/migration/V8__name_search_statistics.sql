-- Finer statistics for lowercased names: with the default 100 histogram buckets, a narrow name prefix
-- ('client 4242') could be estimated at hundreds of matches, and the planner then walked the newest-first
-- index filtering every client of the organization instead of looking the prefix up (seen as a 130 ms
-- plan on 100,000 clients). A thousand buckets keep the estimate close for narrow prefixes.
alter index client_record_name_prefix alter column 2 set statistics 1000;
alter index client_record_by_name alter column 2 set statistics 1000;
