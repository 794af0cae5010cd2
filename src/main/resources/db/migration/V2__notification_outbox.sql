-- The delivery page filters an organization's emails by status; the developer mailbox lists every
-- email newest first. Both page by (created_at, id).
create index email_outbox_organization_status on email_outbox (organization_id, status, created_at desc, id desc);
create index email_outbox_created on email_outbox (created_at desc, id desc);
