package app.rapport.invitation;

import org.jspecify.annotations.Nullable;

/**
 * A view of the Invitations page.
 *
 * @param status the status as people see it: a pending invitation past its expiry counts
 * as {@code EXPIRED}
 * @param search the start of the invited email address
 * @param after the cursor of the last row of the previous page, or null for the first
 * page
 */
public record InvitationQuery(@Nullable InvitationStatus status, @Nullable InvitationPurpose purpose,
		@Nullable String search, @Nullable String after, int size) {

	public static final int MAX_SIZE = 200;

	public InvitationQuery {
		search = search == null || search.isBlank() ? null : search.strip().toLowerCase();
		if (search != null && search.length() > 254) {
			search = search.substring(0, 254);
		}
		after = after == null || after.isBlank() ? null : after;
		size = Math.clamp(size, 1, MAX_SIZE);
	}

}
