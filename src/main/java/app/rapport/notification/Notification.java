package app.rapport.notification;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One in-app notification of one person.
 *
 * @param kind what happened, e.g. {@code COACH_SHARED}
 * @param link the application-relative path it opens, or null
 * @param readAt when the recipient read it, or null while unread
 */
public record Notification(UUID id, String kind, String title, @Nullable String body, @Nullable String link,
		Instant createdAt, @Nullable Instant readAt) {

	public boolean unread() {
		return readAt == null;
	}

}
