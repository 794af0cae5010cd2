package app.rapport.community;

import app.rapport.audit.AuditEntry;
import app.rapport.audit.AuditLog;
import app.rapport.invitation.InvitationAccepted;
import app.rapport.invitation.InvitationPurpose;
import app.rapport.organization.OrganizationClosed;
import app.rapport.organization.OrganizationCreated;
import app.rapport.organization.OrganizationKind;
import app.rapport.shared.Problem;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Gives every new coaching business its New Members program, and makes the person who
 * accepted a program invitation a member of the program, with the role the invitation
 * named. Listens synchronously inside the accepting transaction: an invitation into a
 * program archived meanwhile fails the acceptance as a whole, and a repeated event adds
 * nobody twice.
 */
@Component
class ProgramMembership {

	static final String ARCHIVED = "The program you were invited to has been archived, so this invitation no longer "
			+ "works. Ask the person who invited you for a new invitation.";

	private final CommunityRepository community;

	private final AuditLog audit;

	ProgramMembership(CommunityRepository community, AuditLog audit) {
		this.community = community;
		this.audit = audit;
	}

	/** Every coaching business's community starts with New Members. */
	@EventListener
	void on(OrganizationCreated created) {
		if (created.kind() == OrganizationKind.PROVIDER) {
			community.ensureDefaultProgram(created.organizationId());
		}
	}

	/** A closed community's members leave all its programs. */
	@EventListener
	void on(OrganizationClosed closed) {
		int left = community.removeAllMembers(closed.organizationId());
		if (left > 0) {
			audit.record(new AuditEntry("PROGRAM_MEMBERS_REMOVED", closed.organizationId(), closed.closedBy(), null,
					closed.organizationId().toString(), left + " program memberships, organization closed"));
		}
	}

	@EventListener
	void on(InvitationAccepted accepted) {
		if (accepted.purpose() != InvitationPurpose.PROGRAM_MEMBER || accepted.subjectId() == null) {
			return;
		}
		ProgramId id = new ProgramId(accepted.subjectId());
		// share-locked: the program cannot be archived until this acceptance commits
		Program program = community.program(accepted.organizationId(), id, true)
			.filter(found -> !found.archived())
			.orElseThrow(() -> Problem.gone(ARCHIVED));
		ProgramRole role = community.invitedRole(accepted.invitationId(), id).orElse(ProgramRole.CLIENT);
		if (community.addMember(accepted.organizationId(), id, accepted.accountId(), role, accepted.invitedBy())) {
			audit.record(new AuditEntry("PROGRAM_MEMBER_JOINED", accepted.organizationId(), accepted.accountId(), null,
					accepted.accountId().toString(), program.name() + " as " + role.label()));
		}
	}

}
