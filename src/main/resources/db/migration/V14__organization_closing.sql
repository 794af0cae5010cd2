-- An owner can close an organization. The row stays (the audit log and client relationships refer to
-- it); its members, pending invitations and program memberships go at the moment it closes.
alter table organization add column closed_at timestamptz;
