-- Each node remembers who a request is (the account and organization behind an API token, a person's
-- account and membership; AccessCache). These triggers tell every node, at commit, whose access changed:
-- the payload is the account's id, or '*' when an organization changed. Notifications of a transaction that
-- rolls back are never sent.
create function rapport_access_changed() returns trigger
    language plpgsql as
$$
begin
    perform pg_notify('rapport_access', case
        when TG_ARGV[0] = '*' then '*'
        when TG_OP = 'DELETE' then to_jsonb(OLD) ->> TG_ARGV[0]
        else to_jsonb(NEW) ->> TG_ARGV[0] end);
    return null;
end
$$;

create trigger account_access_changed after update or delete on account
    for each row execute function rapport_access_changed('id');
create trigger membership_access_changed after insert or update or delete on membership
    for each row execute function rapport_access_changed('account_id');
-- last_used_at is stamped every few minutes and changes nobody's access
create trigger api_token_access_changed after update of revoked_at, token_hash, account_id, organization_id or delete
    on api_token for each row execute function rapport_access_changed('account_id');
create trigger organization_access_changed after update of name, kind or delete on organization
    for each row execute function rapport_access_changed('*');
