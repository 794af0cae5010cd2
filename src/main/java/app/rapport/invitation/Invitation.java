package app.rapport.invitation;

import java.time.Instant;
import java.util.UUID;

import app.rapport.shared.AccountId;
import app.rapport.shared.EmailAddress;
import app.rapport.shared.OrganizationId;
import app.rapport.shared.OrganizationRole;
import org.jspecify.annotations.Nullable;

/**
 * One invitation as stored. A pending invitation whose expiry has passed counts as
 * expired even before the expiry job marks it.
 */
public record Invitation(InvitationId id, OrganizationId organizationId, InvitationPurpose purpose,
		@Nullable UUID subjectId, EmailAddress email, String name, @Nullable OrganizationRole role,
		InvitationStatus storedStatus, AccountId invitedBy, Instant expiresAt, Instant createdAt, Instant lastSentAt,
		int sendCount, @Nullable Instant openedAt, @Nullable AccountId respondedBy, @Nullable Instant respondedAt) {

	public InvitationStatus status(Instant now) {
		return storedStatus == InvitationStatus.PENDING && !expiresAt.isAfter(now) ? InvitationStatus.EXPIRED
				: storedStatus;
	}

	public boolean canBeResent(Instant now) {
		InvitationStatus status = status(now);
		return status == InvitationStatus.PENDING || status == InvitationStatus.EXPIRED;
	}

	public boolean canBeRevoked(Instant now) {
		return status(now) == InvitationStatus.PENDING;
	}

}
