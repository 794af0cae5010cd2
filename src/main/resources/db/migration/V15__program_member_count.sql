-- How many members each program has, kept up to date as members join and leave, so that the Users and
-- Manage users pages read a few rows instead of counting every member of a program on every request.
--
-- The count of a program is spread over 8 slots, chosen by the member's account: two people joining the
-- same program at once usually update different rows, so acceptances into one large program do not queue
-- behind each other's row lock. A program's count is the sum of its slots.
create table program_member_count (
    program_id      uuid     not null references program (id) on delete cascade,
    organization_id uuid     not null references organization (id) on delete cascade,
    slot            smallint not null check (slot between 0 and 7),
    members         bigint   not null,
    primary key (program_id, slot)
);

alter table program_member_count enable row level security;
create policy program_member_count_tenant on program_member_count to rapport_tenant
    using (organization_id = rapport_current_tenant());

-- Runs with the owner's rights: it only moves counts, and it must see the count rows whatever tenant scope
-- (or none) the statement that changed the members runs in.
create function rapport_program_members_counted() returns trigger
    language plpgsql security definer
    set search_path = public, pg_temp as
$$
begin
    if tg_op = 'INSERT' then
        insert into program_member_count as c (program_id, organization_id, slot, members)
        select n.program_id, n.organization_id, hashtext(n.account_id::text) & 7, count(*)
        from added n group by 1, 2, 3
        on conflict (program_id, slot) do update set members = c.members + excluded.members;
    else
        update program_member_count c set members = c.members - d.members
        from (select o.program_id, hashtext(o.account_id::text) & 7 as slot, count(*) as members
              from removed o group by 1, 2) d
        where c.program_id = d.program_id and c.slot = d.slot;
    end if;
    return null;
end
$$;

create trigger program_member_added after insert on program_member
    referencing new table as added for each statement execute function rapport_program_members_counted();
create trigger program_member_removed after delete on program_member
    referencing old table as removed for each statement execute function rapport_program_members_counted();

insert into program_member_count (program_id, organization_id, slot, members)
select program_id, organization_id, hashtext(account_id::text) & 7, count(*)
from program_member group by 1, 2, 3;
