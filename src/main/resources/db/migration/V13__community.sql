-- A provider's community: its invitation wording and registration page text, its logo, its programs
-- (every community has the default "New Members") and the people in each program with their program role.
-- A community-only member is a program member who belongs to no organization of the provider.
create table community (
    organization_id    uuid primary key references organization (id) on delete cascade,
    invitation_subject text        not null check (length(invitation_subject) <= 150 and invitation_subject !~ '[\r\n]'),
    invitation_body    text        not null check (length(invitation_body) <= 4000),
    registration_text  text        not null default '' check (length(registration_text) <= 1000),
    updated_at         timestamptz not null default now()
);

-- The logo as stored after checking and re-encoding: a PNG of at most 512 x 512 pixels. Emails link to
-- it by its hash, so a new logo gets a new address and no cache shows the old one.
create table community_logo (
    organization_id uuid primary key references organization (id) on delete cascade,
    sha256          text        not null check (sha256 ~ '^[0-9a-f]{64}$'),
    png             bytea       not null check (octet_length(png) <= 2097152),
    width           int         not null,
    height          int         not null,
    uploaded_at     timestamptz not null default now()
);

create table program (
    id                      uuid primary key,
    organization_id         uuid        not null references organization (id) on delete cascade,
    name                    text        not null check (length(name) between 1 and 80),
    description             text        not null default '' check (length(description) <= 1000),
    is_default              boolean     not null default false,
    coaches_invite_directly boolean     not null default false,
    archived_at             timestamptz,
    created_at              timestamptz not null default now(),
    check (not (is_default and archived_at is not null))
);
create unique index program_name_once on program (organization_id, lower(name));
create unique index program_one_default on program (organization_id) where is_default;

create table program_member (
    program_id      uuid        not null references program (id) on delete cascade,
    organization_id uuid        not null references organization (id) on delete cascade,
    account_id      uuid        not null references account (id) on delete cascade,
    role            text        not null check (role in ('CLIENT', 'COACH', 'MENTOR')),
    invited_by      uuid references account (id),
    joined_at       timestamptz not null default now(),
    primary key (program_id, account_id)
);
create index program_member_account on program_member (account_id);
create index program_member_recent on program_member (program_id, joined_at desc, account_id);

-- The program role an invitation grants, kept beside the invitation (which knows only organization roles).
create table program_invitation (
    invitation_id   uuid primary key references invitation (id) on delete cascade,
    organization_id uuid not null references organization (id) on delete cascade,
    program_id      uuid not null references program (id) on delete cascade,
    role            text not null check (role in ('CLIENT', 'COACH', 'MENTOR'))
);

-- Behind the tenant wall like every other tenant-owned table (V5).
alter table community enable row level security;
create policy community_tenant on community to rapport_tenant
    using (organization_id = rapport_current_tenant());
alter table community_logo enable row level security;
create policy community_logo_tenant on community_logo to rapport_tenant
    using (organization_id = rapport_current_tenant());
alter table program enable row level security;
create policy program_tenant on program to rapport_tenant
    using (organization_id = rapport_current_tenant());
alter table program_member enable row level security;
create policy program_member_tenant on program_member to rapport_tenant
    using (organization_id = rapport_current_tenant());
alter table program_invitation enable row level security;
create policy program_invitation_tenant on program_invitation to rapport_tenant
    using (organization_id = rapport_current_tenant());

-- Coaching businesses that exist already get their New Members now; new ones get it when created.
insert into program (id, organization_id, name, description, is_default)
select gen_random_uuid(), o.id, 'New Members', 'Everyone who joins the community starts here.', true
from organization o where o.kind = 'PROVIDER';
