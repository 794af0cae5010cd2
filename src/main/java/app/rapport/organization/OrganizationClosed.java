package app.rapport.organization;

import app.rapport.shared.AccountId;
import app.rapport.shared.OrganizationId;

/**
 * An owner is closing the organization. Published inside the closing transaction, before
 * the organization row is locked and its members removed, so other modules end what
 * belongs to it (pending invitations, program memberships) in the same commit; listeners
 * must be idempotent and must not lock the organization row.
 */
public record OrganizationClosed(OrganizationId organizationId, AccountId closedBy) {
}
