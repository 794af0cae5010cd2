package app.rapport.audit;

import java.util.regex.Pattern;
import app.rapport.shared.AccountId;
import app.rapport.shared.OrganizationId;
import org.jspecify.annotations.Nullable;

/**
 * One security-relevant event.
 *
 * @param action what happened, as an upper-case verb phrase such as
 * {@code SIGN_IN_FAILED}
 * @param organizationId the organization it happened in, or null for account-level events
 * @param actorId who did it, or null when nobody was signed in
 * @param actorEmail the actor's (or the attempted) email, kept so the entry stays
 * readable
 * @param target what it was done to (an account, a member, an invitation…)
 * @param details a short free-text explanation
 */
public record AuditEntry(String action, @Nullable OrganizationId organizationId, @Nullable AccountId actorId,
		@Nullable String actorEmail, @Nullable String target, @Nullable String details) {

	private static final Pattern ACTION = Pattern.compile("[A-Z_]{3,60}");

	public AuditEntry {
		if (!ACTION.matcher(action).matches()) {
			throw new IllegalArgumentException("audit actions are UPPER_SNAKE_CASE");
		}
	}

}
