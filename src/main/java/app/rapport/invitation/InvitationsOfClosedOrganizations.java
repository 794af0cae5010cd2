package app.rapport.invitation;

import java.util.List;

import app.rapport.audit.AuditEntry;
import app.rapport.audit.AuditLog;
import app.rapport.organization.OrganizationClosed;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A closed organization's pending invitations are revoked in the closing transaction, so
 * none of their links works once it commits (also a link opened a moment before).
 */
@Component
class InvitationsOfClosedOrganizations {

	private final InvitationRepository invitations;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	InvitationsOfClosedOrganizations(InvitationRepository invitations, AuditLog audit,
			ApplicationEventPublisher events) {
		this.invitations = invitations;
		this.audit = audit;
		this.events = events;
	}

	@EventListener
	void on(OrganizationClosed closed) {
		List<Invitation> revoked = invitations.revokeAllPending(closed.organizationId(), closed.closedBy());
		if (!revoked.isEmpty()) {
			invitations.recordEvents(revoked.stream().map(i -> i.id().value()).toList(), "REVOKED", closed.closedBy(),
					null);
			audit.record(new AuditEntry("INVITATIONS_REVOKED", closed.organizationId(), closed.closedBy(), null,
					closed.organizationId().toString(), revoked.size() + " pending invitations, organization closed"));
		}
		for (Invitation invitation : revoked) {
			events.publishEvent(new InvitationRevoked(invitation.id(), closed.organizationId(), invitation.purpose(),
					invitation.subjectId(), closed.closedBy()));
		}
	}

}
