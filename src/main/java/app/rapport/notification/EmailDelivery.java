package app.rapport.notification;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One email as shown to an organization's admins on the delivery page.
 *
 * @param attempts delivery attempts so far
 * @param lastError why the last attempt failed, short and without secrets
 * @param nextAttemptAt when a pending email is tried next
 */
public record EmailDelivery(UUID id, String recipient, String subject, EmailStatus status, int attempts,
		@Nullable String lastError, Instant createdAt, @Nullable Instant nextAttemptAt, @Nullable Instant sentAt) {

	public boolean canRetry() {
		return status == EmailStatus.FAILED;
	}

}
