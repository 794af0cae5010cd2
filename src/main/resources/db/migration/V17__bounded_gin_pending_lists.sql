-- A GIN index keeps new entries in a pending list until vacuum (or the list's limit) merges them into
-- the index, and every search through the index reads the whole list. With the default limit of 4 MB,
-- an organization that had added 3,000 clients since the last vacuum kept them all there, and an email
-- fragment search took about 2.8 ms of the database instead of 1 ms (bench/gin-pending.sh). A limit of
-- 256 kB bounds that read. The merges then come more often and smaller: 8,000 single inserts with all
-- their merges took the same time within the noise (7.8 s against 7.5 s), one insert of 10,000 rows
-- about 0.1 s more. Details in docs/benchmarks.md.
alter index client_record_email_search set (gin_pending_list_limit = 256);
alter index client_record_tags set (gin_pending_list_limit = 256);
