-- The inviter hears of each response (accept or decline) at once in the app, and by email in a digest: one
-- email per inviter and organization listing the responses since the last one. A response marks its
-- invitation untold in the statement that records it; the digest job clears the mark in the transaction
-- that queues the email. No new column value for older rows: responses before this version were emailed
-- one by one already. The partial index holds only the untold responses, so the job never reads the rest.
alter table invitation add column inviter_untold boolean;
create index invitation_inviter_untold on invitation (invited_by, organization_id) where inviter_untold;
