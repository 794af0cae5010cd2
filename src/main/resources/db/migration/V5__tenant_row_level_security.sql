-- A second wall between tenants: row-level security on tenant-owned tables. Policies apply to the role
-- rapport_tenant, which reads of tenant data switch to for their transaction (SET LOCAL ROLE) together with
-- the tenant (SET LOCAL rapport.tenant). A query that forgets its tenant filter then still sees only that
-- tenant's rows. Without the privilege to create roles (a restricted production user), the wall is
-- skipped with a notice and the application logs that it runs without it.
do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'rapport_tenant') then
        create role rapport_tenant nologin;
    end if;
    execute format('grant rapport_tenant to %I', current_user);
    grant usage on schema public to rapport_tenant;
    grant select, insert, update, delete on all tables in schema public to rapport_tenant;
    grant usage, select on all sequences in schema public to rapport_tenant;
    alter default privileges in schema public grant select, insert, update, delete on tables to rapport_tenant;
    alter default privileges in schema public grant usage, select on sequences to rapport_tenant;
exception
    when insufficient_privilege then
        raise notice 'rapport_tenant role not created (insufficient privilege): row-level security stays off';
end
$$;

create function rapport_current_tenant() returns uuid
    language sql stable as
$$
select nullif(current_setting('rapport.tenant', true), '')::uuid
$$;

alter table client_record enable row level security;
create policy client_record_tenant on client_record to rapport_tenant
    using (provider_id = rapport_current_tenant());

alter table invitation enable row level security;
create policy invitation_tenant on invitation to rapport_tenant
    using (organization_id = rapport_current_tenant());

alter table client_import enable row level security;
create policy client_import_tenant on client_import to rapport_tenant
    using (organization_id = rapport_current_tenant());

alter table company_connection enable row level security;
create policy company_connection_tenant on company_connection to rapport_tenant
    using (provider_id = rapport_current_tenant());

alter table audit_event enable row level security;
create policy audit_event_tenant on audit_event to rapport_tenant
    using (organization_id = rapport_current_tenant());

alter table email_outbox enable row level security;
create policy email_outbox_tenant on email_outbox to rapport_tenant
    using (organization_id = rapport_current_tenant());
