package app.rapport.invitation;

import java.util.UUID;

import app.rapport.shared.AccountId;
import app.rapport.shared.OrganizationId;
import org.jspecify.annotations.Nullable;

/**
 * A pending invitation was revoked: its link no longer works. Published inside the
 * revoking transaction by {@link Invitations#revoke}, whichever page or API call revoked
 * it, so the module that asked for the invitation can follow: the client records module
 * turns an {@code INVITED} client record (the {@code subjectId} of an
 * {@link InvitationPurpose#INDIVIDUAL_CLIENT} or {@link InvitationPurpose#COMPANY_POC}
 * invitation) back into an {@code INTERNAL} record. Listeners must be idempotent.
 *
 * @param subjectId the record the invitation was about, or null
 * @param revokedBy who revoked it
 */
public record InvitationRevoked(InvitationId invitationId, OrganizationId organizationId, InvitationPurpose purpose,
		@Nullable UUID subjectId, AccountId revokedBy) {
}
