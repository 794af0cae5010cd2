-- Foundation: accounts, organizations, sessions, email outbox, in-app notifications, audit log.

create table account (
    id                uuid primary key,
    email             text        not null,
    display_name      text        not null check (length(display_name) between 1 and 100),
    password_hash     text,
    email_verified_at timestamptz,
    created_at        timestamptz not null default now(),
    constraint account_email_normalized check (email = lower(email))
);
create unique index account_email_key on account (email);

-- One-time tokens sent by email (verification, password reset). Only the SHA-256 hash is stored.
create table account_token (
    token_hash text primary key,
    account_id uuid        not null references account (id) on delete cascade,
    purpose    text        not null check (purpose in ('VERIFY_EMAIL', 'RESET_PASSWORD')),
    expires_at timestamptz not null,
    used_at    timestamptz,
    created_at timestamptz not null default now()
);
create index account_token_account on account_token (account_id, purpose);

create table login_failure (
    id        bigint generated always as identity primary key,
    principal text        not null,
    ip        text,
    failed_at timestamptz not null default now()
);
create index login_failure_principal on login_failure (principal, failed_at);
create index login_failure_ip on login_failure (ip, failed_at);

create table organization (
    id          uuid primary key,
    kind        text        not null check (kind in ('PROVIDER', 'CLIENT_COMPANY')),
    name        text        not null check (length(name) between 1 and 120),
    brand_color text        not null default '#1f6f5c' check (brand_color ~ '^#[0-9a-fA-F]{6}$'),
    logo_url    text,
    created_at  timestamptz not null default now()
);

create table membership (
    organization_id uuid        not null references organization (id) on delete cascade,
    account_id      uuid        not null references account (id) on delete cascade,
    role            text        not null check (role in ('OWNER', 'ADMIN', 'COACH', 'EMPLOYEE')),
    created_at      timestamptz not null default now(),
    primary key (organization_id, account_id)
);
create index membership_account on membership (account_id, created_at);

-- Personal API tokens for /api/v1, bound to one organization.
create table api_token (
    id              uuid primary key,
    account_id      uuid        not null references account (id) on delete cascade,
    organization_id uuid        not null references organization (id) on delete cascade,
    name            text        not null check (length(name) between 1 and 100),
    token_hash      text        not null unique,
    created_at      timestamptz not null default now(),
    last_used_at    timestamptz,
    revoked_at      timestamptz
);
create index api_token_account on api_token (account_id, created_at desc);

-- Transactional outbox: an email row commits with the business change that caused it and is
-- delivered later by the dispatcher. Rendering happens at delivery from template + model.
create table email_outbox (
    id              uuid primary key,
    organization_id uuid,
    recipient       text        not null,
    subject         text        not null check (length(subject) <= 300 and subject !~ '[\r\n]'),
    template        text        not null,
    model           jsonb       not null,
    status          text        not null default 'PENDING' check (status in ('PENDING', 'SENDING', 'SENT', 'FAILED')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default now(),
    locked_until    timestamptz,
    last_error      text,
    created_at      timestamptz not null default now(),
    sent_at         timestamptz
);
create index email_outbox_due on email_outbox (next_attempt_at) where status in ('PENDING', 'SENDING');
create index email_outbox_organization on email_outbox (organization_id, created_at desc);
create index email_outbox_recipient on email_outbox (recipient, created_at desc);

create table notification (
    id              uuid primary key,
    recipient_id    uuid        not null references account (id) on delete cascade,
    organization_id uuid,
    kind            text        not null,
    title           text        not null,
    body            text,
    link            text,
    created_at      timestamptz not null default now(),
    read_at         timestamptz
);
create index notification_recipient on notification (recipient_id, created_at desc, id desc);
create index notification_unread on notification (recipient_id) where read_at is null;

-- Append-only: a trigger refuses every update and delete.
create table audit_event (
    id              bigint generated always as identity primary key,
    occurred_at     timestamptz not null default now(),
    organization_id uuid,
    actor_id        uuid,
    actor_email     text,
    action          text        not null,
    target          text,
    details         text,
    ip              text
);
create index audit_event_organization on audit_event (organization_id, id desc);

create function audit_event_is_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'audit_event is append-only';
end;
$$;
create trigger audit_event_no_update
    before update or delete on audit_event
    for each row execute function audit_event_is_append_only();
create trigger audit_event_no_truncate
    before truncate on audit_event
    for each statement execute function audit_event_is_append_only();

-- Spring Session JDBC (sessions shared by every application node).
create table spring_session (
    primary_id            char(36) not null,
    session_id            char(36) not null,
    creation_time         bigint   not null,
    last_access_time      bigint   not null,
    max_inactive_interval int      not null,
    expiry_time           bigint   not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id) references spring_session (primary_id) on delete cascade
);
