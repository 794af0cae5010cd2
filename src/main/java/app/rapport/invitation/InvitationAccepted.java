package app.rapport.invitation;

import java.util.UUID;

import app.rapport.shared.AccountId;
import app.rapport.shared.OrganizationId;
import app.rapport.shared.OrganizationRole;
import org.jspecify.annotations.Nullable;

/**
 * An invited person accepted. Published inside the accepting transaction, so synchronous
 * listeners (such as the client records' ownership transfer) commit or fail together with
 * the acceptance.
 */
public record InvitationAccepted(InvitationId invitationId, OrganizationId organizationId, InvitationPurpose purpose,
		@Nullable UUID subjectId, AccountId accountId, @Nullable OrganizationRole role, AccountId invitedBy) {
}
