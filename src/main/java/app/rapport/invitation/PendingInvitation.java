package app.rapport.invitation;

import java.time.Instant;

/**
 * A pending invitation as a list of people shows it (Manage users): who was invited and
 * when, read without the rest of the invitation's record.
 *
 * @param email the address as stored (normalized when the invitation was sent)
 */
public record PendingInvitation(InvitationId id, String name, String email, Instant createdAt, Instant lastSentAt,
		Instant expiresAt) {
}
