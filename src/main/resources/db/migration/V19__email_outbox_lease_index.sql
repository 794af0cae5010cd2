-- The dispatcher fails emails whose node vanished on their last attempt: status 'SENDING' with an expired
-- lease. Without an index of its own that statement walked an index over the whole outbox (88 ms with
-- 120,000 emails, once per batch of 100). The emails being sent at any moment are a few batches, so this
-- index stays small and the sweep reads only the expired leases.
create index email_outbox_lease on email_outbox (locked_until) where status = 'SENDING';
