-- Client records of providers, and invitations (the machinery every invitation purpose reuses).

create extension if not exists pg_trgm;

create table client_record (
    id                    uuid primary key,
    provider_id           uuid        not null references organization (id) on delete cascade,
    kind                  text        not null check (kind in ('INDIVIDUAL', 'COMPANY')),
    status                text        not null check (status in ('INTERNAL', 'INVITED', 'OWNED')),
    -- what the list shows and sorts by: "First Last" or the company name
    display_name          text        not null check (length(display_name) between 1 and 201),
    first_name            text,
    last_name             text,
    -- the individual's email, or the point of contact's email for a company
    email                 text check (email = lower(email)),
    phone                 text,
    time_zone             text,
    website               text,
    address               text,
    contact_name          text,
    tags                  text[]      not null default '{}',
    private_notes         text,
    owner_account_id      uuid references account (id),
    owner_organization_id uuid references organization (id),
    created_by            uuid        not null references account (id),
    created_at            timestamptz not null default now(),
    last_invited_at       timestamptz,
    archived_at           timestamptz
);
-- one live record per email within a provider: the duplicate check is an index lookup, never a scan
create unique index client_record_provider_email on client_record (provider_id, email) where email is not null;
create index client_record_recent on client_record (provider_id, created_at desc, id desc);
create index client_record_by_name on client_record (provider_id, lower(display_name), id);
create index client_record_name_search on client_record using gin (lower(display_name) gin_trgm_ops);
create index client_record_email_search on client_record using gin (email gin_trgm_ops);
create index client_record_tags on client_record using gin (tags);
create index client_record_owner on client_record (owner_account_id) where owner_account_id is not null;
create index client_record_created_by on client_record (provider_id, created_by);

create table invitation (
    id               uuid primary key,
    organization_id  uuid        not null references organization (id) on delete cascade,
    purpose          text        not null check (purpose in ('INDIVIDUAL_CLIENT', 'COMPANY_POC', 'SPONSORED_COACHEE',
                                                             'ONE_TO_ONE_CLIENT', 'PROGRAM_MEMBER', 'COLLEAGUE')),
    subject_id       uuid,
    email            text        not null check (email = lower(email)),
    name             text        not null,
    role             text check (role in ('OWNER', 'ADMIN', 'COACH', 'EMPLOYEE')),
    status           text        not null default 'PENDING'
                                 check (status in ('PENDING', 'ACCEPTED', 'DECLINED', 'REVOKED', 'EXPIRED')),
    token_hash       text        not null unique,
    invited_by       uuid        not null references account (id),
    expires_at       timestamptz not null,
    created_at       timestamptz not null default now(),
    last_sent_at     timestamptz not null default now(),
    send_count       int         not null default 1,
    reminders_sent   int         not null default 0,
    next_reminder_at timestamptz,
    opened_at        timestamptz,
    responded_by     uuid references account (id),
    responded_at     timestamptz
);
create index invitation_recent on invitation (organization_id, created_at desc, id desc);
create index invitation_subject on invitation (subject_id, created_at desc) where subject_id is not null;
create index invitation_pending_email on invitation (organization_id, email) where status = 'PENDING';
create index invitation_due_reminder on invitation (next_reminder_at) where status = 'PENDING';
create index invitation_due_expiry on invitation (expires_at) where status = 'PENDING';
create index invitation_sent_recently on invitation (organization_id, last_sent_at);
create index invitation_recipient_recently on invitation (email, last_sent_at);

create table invitation_event (
    id            bigint generated always as identity primary key,
    invitation_id uuid        not null references invitation (id) on delete cascade,
    kind          text        not null check (kind in ('SENT', 'RESENT', 'OPENED', 'REMINDED', 'ACCEPTED', 'DECLINED',
                                                       'REVOKED', 'EXPIRED')),
    actor_id      uuid,
    actor_name    text,
    occurred_at   timestamptz not null default now()
);
create index invitation_event_invitation on invitation_event (invitation_id, id);

-- A provider connected to a client company (after the company's point of contact accepted).
create table company_connection (
    provider_id     uuid        not null references organization (id) on delete cascade,
    company_id      uuid        not null references organization (id) on delete cascade,
    client_record_id uuid       not null references client_record (id) on delete cascade,
    connected_at    timestamptz not null default now(),
    primary key (provider_id, company_id)
);

-- Per-organization invitation settings.
alter table organization add column invitation_validity_days int not null default 14
    check (invitation_validity_days between 1 and 90);
