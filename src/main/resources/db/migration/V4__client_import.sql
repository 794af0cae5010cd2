-- A parsed CSV import of individual clients, kept between its preview and its commit so the file is
-- never uploaded twice. Rows (all of them, with their status and reason) are the preview; the commit
-- takes the NEW ones. An import belongs to the organization and to the person who uploaded it, and
-- expires after an hour.
create table client_import (
    id              uuid primary key,
    organization_id uuid        not null references organization (id) on delete cascade,
    account_id      uuid        not null references account (id) on delete cascade,
    file_name       text,
    rows            jsonb       not null,
    new_count       int         not null,
    duplicate_count int         not null,
    invalid_count   int         not null,
    created_at      timestamptz not null default now(),
    expires_at      timestamptz not null,
    committed_at    timestamptz,
    imported_count  int,
    invited         boolean
);
create index client_import_expiry on client_import (expires_at);
create index client_import_owner on client_import (organization_id, account_id, created_at desc);
