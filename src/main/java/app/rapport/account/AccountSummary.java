package app.rapport.account;

import java.time.Instant;

import app.rapport.shared.AccountId;
import app.rapport.shared.EmailAddress;
import org.jspecify.annotations.Nullable;

/** What other modules may know about an account. */
public record AccountSummary(AccountId id, EmailAddress email, String displayName, @Nullable Instant emailVerifiedAt,
		Instant createdAt) {

	public boolean emailVerified() {
		return emailVerifiedAt != null;
	}

}
