package app.rapport.invitation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import app.rapport.shared.CurrentUser;
import app.rapport.shared.KeysetCursor;
import app.rapport.shared.OrganizationId;
import app.rapport.shared.TenantScope;
import app.rapport.shared.Problem;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Invitations page: every invitation of the organization, newest first. Owners and
 * admins see all of them; a coach sees the invitations they sent. Resend and revoke go
 * through {@link Invitations}, which applies the same rule.
 */
@Service
public class InvitationList {

	private final TenantScope tenantScope;

	private final InvitationListRepository invitations;

	private final Clock clock;

	InvitationList(InvitationListRepository invitations, Clock clock, TenantScope tenantScope) {
		this.tenantScope = tenantScope;
		this.invitations = invitations;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public InvitationListing page(CurrentUser user, InvitationQuery query) {
		OrganizationId organizationId = user.requireOrganization();
		tenantScope.enter(organizationId);
		Instant now = clock.instant();
		List<InvitationListRepository.Found> found = invitations.page(organizationId,
				user.isAdmin() ? null : user.accountId(), query, now);
		List<InvitationListing.Row> rows = found.stream()
			.limit(query.size())
			.map(f -> new InvitationListing.Row(f.invitation(), f.invitation().status(now), f.inviterName(), now))
			.toList();
		if (found.size() <= query.size()) {
			return new InvitationListing(rows, null);
		}
		Invitation last = rows.getLast().invitation();
		return new InvitationListing(rows, new KeysetCursor(last.createdAt(), last.id().value()).encode());
	}

	/** One invitation the current user may see, or 404. */
	@Transactional(readOnly = true)
	public InvitationListing.Row find(CurrentUser user, InvitationId id) {
		OrganizationId organizationId = user.requireOrganization();
		Instant now = clock.instant();
		InvitationListRepository.Found found = invitations.find(organizationId, id)
			.filter(f -> user.isAdmin() || f.invitation().invitedBy().equals(user.accountId()))
			.orElseThrow(() -> Problem.notFound("No such invitation."));
		return new InvitationListing.Row(found.invitation(), found.invitation().status(now), found.inviterName(), now);
	}

}
