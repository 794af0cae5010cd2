package app.rapport.organization;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import app.rapport.account.AccountSummary;
import app.rapport.account.AccessCache;
import app.rapport.account.Accounts;
import app.rapport.account.MembershipDirectory;
import app.rapport.audit.AuditEntry;
import app.rapport.audit.AuditLog;
import app.rapport.notification.Branding;
import app.rapport.shared.AccessDeniedProblem;
import app.rapport.shared.AccountId;
import app.rapport.shared.CurrentUser;
import app.rapport.shared.FieldProblem;
import app.rapport.shared.OrganizationId;
import app.rapport.shared.OrganizationRole;
import app.rapport.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Organizations and their members. Every method checks the caller's role in the
 * organization it touches.
 */
@Service
public class Organizations implements MembershipDirectory {

	private final OrganizationRepository organizations;

	private final Accounts accounts;

	private final AuditLog audit;

	private final AccessCache remembered;

	private final ApplicationEventPublisher events;

	Organizations(OrganizationRepository organizations, Accounts accounts, AuditLog audit, AccessCache remembered,
			ApplicationEventPublisher events) {
		this.events = events;
		this.organizations = organizations;
		this.accounts = accounts;
		this.audit = audit;
		this.remembered = remembered;
	}

	/** Creates an organization with its first owner. */
	@Transactional
	public OrganizationId create(OrganizationKind kind, String name, AccountId owner, OrganizationRole ownerRole) {
		OrganizationId id = new OrganizationId(UUID.randomUUID());
		organizations.insert(id, kind, Organization.cleanName(name));
		organizations.insertMember(id, owner, ownerRole);
		audit.record(new AuditEntry("ORGANIZATION_CREATED", id, owner, null, id.toString(), kind.name()));
		events.publishEvent(new OrganizationCreated(id, kind));
		return id;
	}

	/**
	 * Adds a person to an organization (used when an invitation is accepted). Adding an
	 * existing member keeps their current role.
	 */
	@Transactional
	public void addMember(OrganizationId id, AccountId account, OrganizationRole role) {
		if (!organizations.lockIfOpen(id)) {
			throw Problem.gone("This organization has been closed, so its invitations no longer work.");
		}
		if (organizations.roleOf(id, account).isEmpty()) {
			organizations.insertMember(id, account, role);
			audit.record(new AuditEntry("MEMBER_ADDED", id, account, null, account.toString(), role.name()));
		}
	}

	@Transactional(readOnly = true)
	public Optional<Organization> find(OrganizationId id) {
		return organizations.find(id);
	}

	/**
	 * Puts the current transaction behind the tenant wall of the organization and reads
	 * it, in one round trip instead of two.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<Organization> enter(OrganizationId id) {
		return organizations.enterAndFind(id);
	}

	/** The organization the current user works in. */
	@Transactional(readOnly = true)
	public Organization current(CurrentUser user) {
		return organizations.find(user.requireOrganization())
			.orElseThrow(() -> Problem.notFound("This organization no longer exists."));
	}

	/**
	 * The organization as a sender of invitations, read with whether an owner of it has
	 * confirmed their email: invitations are only sent then, so a throwaway sign-up
	 * cannot be used to send email to strangers. Remembered between requests until the
	 * organization, a membership or an account changes ({@link AccessCache#shared}).
	 */
	public Optional<Sender> sender(OrganizationId id) {
		return remembered.shared(new SenderKey(id), () -> organizations.findWithOwners(id)
			.map(found -> new Sender(found.organization(),
					accounts.findAll(found.owners()).values().stream().anyMatch(AccountSummary::emailVerified))));
	}

	private record SenderKey(OrganizationId id) {
	}

	/** An organization and whether it may send invitations yet. */
	public record Sender(Organization organization, boolean ownerConfirmed) {
	}

	/**
	 * The organization's name, for invitations and their pages: read through the same
	 * remembered entry as {@link #sender}, so that a request that sends or shows an
	 * invitation does not read the organization twice.
	 */
	public Optional<String> name(OrganizationId id) {
		return sender(id).map(sender -> sender.organization().name());
	}

	/** How emails sent on behalf of the organization look. */
	public Branding branding(OrganizationId id) {
		return sender(id).map(sender -> sender.organization().branding()).orElse(Branding.rapport());
	}

	/**
	 * Renames the organization and, when given, sets how many days its invitations work
	 * (1 to 90).
	 */
	@Transactional
	public Organization updateSettings(CurrentUser user, String name, @Nullable Integer invitationValidityDays) {
		OrganizationId id = user.requireAdmin();
		String cleaned = Organization.cleanName(name);
		Organization before = organizations.find(id).orElseThrow(() -> Problem.notFound("No such organization."));
		int validity = invitationValidityDays == null ? before.invitationValidityDays() : invitationValidityDays;
		if (validity < 1 || validity > 90) {
			throw new app.rapport.shared.FieldProblem("invitationValidityDays", "Choose between 1 and 90 days.");
		}
		organizations.updateSettings(id, cleaned, validity);
		audit.record(new AuditEntry("ORGANIZATION_UPDATED", id, user.accountId(), user.email().value(), id.toString(),
				cleaned + ", invitations valid " + validity + " days"));
		return organizations.find(id).orElseThrow();
	}

	/**
	 * Sets the accent colour and logo of every email and page shown on the organization's
	 * behalf. The colour must keep white text on it readable.
	 */
	@Transactional
	public Organization updateBranding(CurrentUser user, String color, @Nullable String logoUrl) {
		OrganizationId id = user.requireAdmin();
		String checked = BrandColor.check(color);
		organizations.updateBranding(id, checked, logoUrl);
		audit.record(new AuditEntry("ORGANIZATION_BRANDING_UPDATED", id, user.accountId(), user.email().value(),
				id.toString(), "colour " + checked + (logoUrl == null ? ", no logo" : ", logo " + logoUrl)));
		return organizations.find(id).orElseThrow();
	}

	/**
	 * Closes the organization for good: its pending invitations die, its members (and
	 * their API tokens bound to it) lose access, its programs' members leave. Owners
	 * only, confirmed by typing the organization's name. Concurrent acceptances and
	 * membership changes wait for the organization row, so none slips in after the close.
	 */
	@Transactional
	public void close(CurrentUser user, String confirmation) {
		OrganizationId id = user.requireOrganization();
		OrganizationRole actor = organizations.roleOf(id, user.accountId())
			.orElseThrow(() -> Problem.notFound("No such organization."));
		if (actor != OrganizationRole.OWNER) {
			throw new AccessDeniedProblem("Only owners can close the organization.");
		}
		Organization organization = organizations.find(id).orElseThrow();
		if (confirmation == null || !confirmation.strip().equals(organization.name())) {
			throw new FieldProblem("confirmation",
					"Type the organization's name, " + organization.name() + ", exactly to confirm.");
		}
		// Invitations first, the organization row second: an acceptance locks its
		// invitation and then the organization, so taking them in the same order cannot
		// deadlock. An acceptance that got its invitation first commits before the
		// revocation goes on, and its new member is removed below.
		events.publishEvent(new OrganizationClosed(id, user.accountId()));
		organizations.lock(id);
		if (!organizations.close(id)) {
			throw Problem.conflict("This organization is closed already.");
		}
		int members = organizations.deleteMembers(id);
		audit.record(new AuditEntry("ORGANIZATION_CLOSED", id, user.accountId(), user.email().value(), id.toString(),
				organization.name() + ", " + members + " members removed"));
	}

	@Transactional(readOnly = true)
	public List<Member> members(CurrentUser user) {
		OrganizationId id = user.requireOrganization();
		List<OrganizationRepository.MemberRow> rows = organizations.members(id);
		Map<AccountId, AccountSummary> people = accounts
			.findAll(rows.stream().map(OrganizationRepository.MemberRow::accountId).toList());
		return rows.stream().filter(row -> people.containsKey(row.accountId())).map(row -> {
			AccountSummary person = people.get(row.accountId());
			return new Member(row.accountId(), person.displayName(), person.email().value(), row.role(), row.since());
		}).toList();
	}

	@Transactional
	public void changeRole(CurrentUser user, AccountId member, OrganizationRole role) {
		OrganizationId id = user.requireOrganization();
		organizations.lock(id);
		OrganizationRole actor = organizations.roleOf(id, user.accountId())
			.orElseThrow(() -> Problem.notFound("No such organization."));
		OrganizationRole current = organizations.roleOf(id, member)
			.orElseThrow(() -> Problem.notFound("This person is not a member of your organization."));
		if (current == role) {
			return;
		}
		MembershipRules.checkRoleChange(actor, current, role, organizations.countOwners(id));
		organizations.updateRole(id, member, role);
		audit.record(new AuditEntry("MEMBER_ROLE_CHANGED", id, user.accountId(), user.email().value(),
				member.toString(), current + " -> " + role));
	}

	@Transactional
	public void removeMember(CurrentUser user, AccountId member) {
		OrganizationId id = user.requireOrganization();
		organizations.lock(id);
		OrganizationRole actor = organizations.roleOf(id, user.accountId())
			.orElseThrow(() -> Problem.notFound("No such organization."));
		OrganizationRole target = organizations.roleOf(id, member)
			.orElseThrow(() -> Problem.notFound("This person is not a member of your organization."));
		MembershipRules.checkRemoval(actor, target, organizations.countOwners(id));
		organizations.deleteMember(id, member);
		audit.record(new AuditEntry("MEMBER_REMOVED", id, user.accountId(), user.email().value(), member.toString(),
				"was " + target));
	}

	/** The organizations a person belongs to, for the organization switcher. */
	@Transactional(readOnly = true)
	public List<MembershipSummary> membershipsOf(AccountId account) {
		return organizations.membershipsOf(account)
			.stream()
			.map(row -> new MembershipSummary(row.organizationId(), row.name(), row.kind(), row.role()))
			.toList();
	}

	/**
	 * One statement on every signed-in request, so it runs without a transaction of its
	 * own.
	 */
	@Override
	public Optional<ActiveMembership> activeMembership(AccountId accountId, @Nullable OrganizationId preferred) {
		List<OrganizationRepository.MembershipRow> rows = organizations.membershipsOf(accountId);
		return rows.stream()
			.filter(row -> row.organizationId().equals(preferred))
			.findFirst()
			.or(() -> rows.stream().findFirst())
			.map(row -> new ActiveMembership(row.organizationId(), row.name(), row.role()));
	}

	@Override
	@Transactional(readOnly = true)
	public List<OrganizationId> organizationsOf(AccountId accountId) {
		return organizations.membershipsOf(accountId)
			.stream()
			.map(OrganizationRepository.MembershipRow::organizationId)
			.toList();
	}

	public record MembershipSummary(OrganizationId organizationId, String name, OrganizationKind kind,
			OrganizationRole role) {
	}

}
