-- Accepting an invitation sets the record's owner. With the owner indexed on client_record, that update
-- could not be a HOT update (heap-only tuple: the new row version stays on its page and no index changes):
-- PostgreSQL wrote a new entry into each of the record's nine indexes, two of them GIN indexes, about a
-- third of an acceptance's database time. The lookup by owner ("My coaching") now goes through this table,
-- written once at the transfer; client_record keeps the owner column, unindexed. A tenth of each new page
-- of client_record stays free so that such updates find room on the row's own page.
create table client_ownership (
    owner_account_id uuid not null references account (id),
    client_id        uuid not null references client_record (id) on delete cascade,
    primary key (owner_account_id, client_id)
);
insert into client_ownership (owner_account_id, client_id)
select owner_account_id, id from client_record where owner_account_id is not null;
drop index client_record_owner;
alter table client_record set (fillfactor = 90);
