package app.rapport.client;

import java.util.Set;

import app.rapport.audit.AuditEntry;
import app.rapport.audit.AuditLog;
import app.rapport.invitation.InvitationAccepted;
import app.rapport.invitation.InvitationDeclined;
import app.rapport.invitation.InvitationPurpose;
import app.rapport.invitation.InvitationRevoked;
import app.rapport.organization.OrganizationKind;
import app.rapport.organization.Organizations;
import app.rapport.shared.OrganizationId;
import app.rapport.shared.OrganizationRole;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Applies the seed's rule "once you invite a user or POC for a client company they will
 * become the owner of that file": listens synchronously, inside the accepting
 * transaction, so acceptance and ownership transfer commit together. Repeated events have
 * no further effect.
 */
@Component
class ClientOwnership {

	private static final Set<InvitationPurpose> CLIENT_PURPOSES = Set.of(InvitationPurpose.INDIVIDUAL_CLIENT,
			InvitationPurpose.COMPANY_POC, InvitationPurpose.SPONSORED_COACHEE);

	private final ClientRepository clients;

	private final Organizations organizations;

	private final AuditLog audit;

	ClientOwnership(ClientRepository clients, Organizations organizations, AuditLog audit) {
		this.clients = clients;
		this.organizations = organizations;
		this.audit = audit;
	}

	@EventListener
	void on(InvitationAccepted accepted) {
		if (!CLIENT_PURPOSES.contains(accepted.purpose()) || accepted.subjectId() == null) {
			return;
		}
		ClientId id = new ClientId(accepted.subjectId());
		OrganizationId company = null;
		if (accepted.purpose() == InvitationPurpose.COMPANY_POC) {
			// the company organization is named after the record, so it is read first
			ClientRecord record = clients.find(accepted.organizationId(), id).orElse(null);
			if (record == null || record.status() == ClientStatus.OWNED) {
				return;
			}
			company = organizations.create(OrganizationKind.CLIENT_COMPANY, record.displayName(), accepted.accountId(),
					OrganizationRole.ADMIN);
		}
		// matches nothing for a record of another provider, a removed one or one owned
		// already
		if (clients.transferOwnership(accepted.organizationId(), id, accepted.accountId(), company)) {
			if (company != null) {
				clients.connect(accepted.organizationId(), company, id);
			}
			audit.record(new AuditEntry("CLIENT_OWNERSHIP_TRANSFERRED", accepted.organizationId(), accepted.accountId(),
					null, id.toString(), company == null ? "individual" : "company " + company));
		}
	}

	@EventListener
	void on(InvitationDeclined declined) {
		if (CLIENT_PURPOSES.contains(declined.purpose()) && declined.subjectId() != null) {
			clients.markInternal(new ClientId(declined.subjectId()));
		}
	}

	/**
	 * A revoked invitation gives the provider full control back (also when revoked from
	 * the Invitations page).
	 */
	@EventListener
	void on(InvitationRevoked revoked) {
		if (CLIENT_PURPOSES.contains(revoked.purpose()) && revoked.subjectId() != null) {
			clients.markInternal(new ClientId(revoked.subjectId()));
		}
	}

}
