package app.rapport.invitation;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of the Invitations page and the cursor of the next page (null on the last
 * page).
 */
public record InvitationListing(List<Row> invitations, @Nullable String next) {

	/**
	 * An invitation as the list shows it.
	 *
	 * @param status its status now (a pending invitation past its expiry is expired)
	 * @param invitedByName who sent it
	 */
	public record Row(Invitation invitation, InvitationStatus status, String invitedByName, Instant now) {

		public boolean canBeResent() {
			return invitation.canBeResent(now);
		}

		public boolean canBeRevoked() {
			return invitation.canBeRevoked(now);
		}

	}

}
