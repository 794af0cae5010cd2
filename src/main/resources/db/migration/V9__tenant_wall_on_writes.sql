-- Writes on behalf of a member now run behind the row-level-security wall too (their
-- transaction enters the tenant scope before its first statement). The policies of V5 have
-- no WITH CHECK, so their USING expression also checks every inserted and updated row.
--
-- One rule has to look across organizations: the limit of invitations one address may
-- receive per day, from all providers together. This function counts them with the
-- owner's rights, so that it still sees every organization's invitations inside a tenant
-- scope; it returns counts per address and nothing else.
create function rapport_invitations_received_since(emails text[], since timestamptz)
    returns table (email text, received bigint)
    language sql stable security definer
    set search_path = public, pg_temp as
$$
select i.email, count(*) from invitation i where i.email = any(emails) and i.last_sent_at > since group by i.email
$$;
