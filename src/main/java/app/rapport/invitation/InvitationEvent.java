package app.rapport.invitation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One line of an invitation's history: sent, resent, opened, reminded, accepted,
 * declined, revoked, expired.
 */
public record InvitationEvent(String kind, @Nullable String actorName, Instant occurredAt) {
}
