package app.rapport.community;

import java.time.Instant;
import java.util.UUID;

import app.rapport.invitation.PendingInvitation;

/**
 * A person invited into a program who has not joined yet, as Manage users lists them:
 * what a coach needs to recognise the invitation, not the invitation's internal record.
 *
 * @param id the invitation, to resend or revoke it on the Invitations page or API
 */
public record PendingMember(UUID id, String name, String email, Instant invitedAt, Instant lastSentAt,
		Instant expiresAt) {

	static PendingMember of(PendingInvitation invitation) {
		return new PendingMember(invitation.id().value(), invitation.name(), invitation.email(), invitation.createdAt(),
				invitation.lastSentAt(), invitation.expiresAt());
	}

}
