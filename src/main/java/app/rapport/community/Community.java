package app.rapport.community;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import app.rapport.account.AccountSummary;
import app.rapport.account.Accounts;
import app.rapport.audit.AuditEntry;
import app.rapport.audit.AuditLog;
import app.rapport.invitation.InvitationId;
import app.rapport.invitation.InvitationPurpose;
import app.rapport.invitation.InvitationRequest;
import app.rapport.invitation.Invitations;
import app.rapport.organization.Organization;
import app.rapport.organization.OrganizationKind;
import app.rapport.organization.Organizations;
import app.rapport.shared.AccessDeniedProblem;
import app.rapport.shared.AccountId;
import app.rapport.shared.CurrentUser;
import app.rapport.shared.EmailAddress;
import app.rapport.shared.GroupCommit;
import app.rapport.shared.FieldProblem;
import app.rapport.shared.KeysetCursor;
import app.rapport.shared.Links;
import app.rapport.shared.OrganizationId;
import app.rapport.shared.PlainText;
import app.rapport.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Manage community: branding and wording, programs, and the people in them. Owners and
 * admins of a coaching business manage it; members see their own programs. Every
 * management call runs behind the tenant wall of the caller's organization.
 */
@Service
public class Community {

	/**
	 * People invited in one request (the form's "Add another" rows or the API's list).
	 */
	public static final int MAX_INVITEES = 100;

	/** Members shown per page of Manage users. */
	public static final int MEMBERS_PER_PAGE = 100;

	/** Pending invitations shown on Manage users (the Invitations page has them all). */
	public static final int PENDING_SHOWN = 100;

	public static final int MAX_REGISTRATION_TEXT = 1000;

	private final CommunityRepository community;

	private final Organizations organizations;

	private final Invitations invitations;

	private final Accounts accounts;

	private final AuditLog audit;

	private final Links links;

	private final TransactionTemplate transaction;

	/**
	 * Concurrent + Invite requests of the same person into the same program share a
	 * transaction, one group at a time, as the Clients page's creations do.
	 */
	private final GroupCommit<Inviter, List<Invitee>, List<InvitationId>> groupedInvitations = new GroupCommit<>(
			MAX_INVITEES, List::size, 1);

	private record Inviter(CurrentUser user, ProgramId program) {
	}

	Community(CommunityRepository community, Organizations organizations, Invitations invitations, Accounts accounts,
			AuditLog audit, Links links, TransactionTemplate transaction) {
		this.transaction = transaction;
		this.community = community;
		this.organizations = organizations;
		this.invitations = invitations;
		this.accounts = accounts;
		this.audit = audit;
		this.links = links;
	}

	/** A program's name and description as typed, cleaned by {@link #createProgram}. */
	public record ProgramDraft(String name, @Nullable String description, boolean coachesInviteDirectly) {
	}

	/** One person to invite into a program. */
	public record Invitee(String name, String email, ProgramRole role) {
	}

	// --- branding and wording

	@Transactional(readOnly = true)
	public CommunitySettings settings(CurrentUser user) {
		Organization organization = manage(user);
		return settingsOf(organization);
	}

	/**
	 * Saves the invitation wording, registration page text and accent colour together:
	 * all of them or, when one is refused, none.
	 */
	@Transactional
	public CommunitySettings updateSettings(CurrentUser user, String subject, String body, String registrationText,
			String brandColor) {
		Organization organization = manage(user);
		InvitationWording wording = new InvitationWording(subject, body);
		String registration = cleanRegistrationText(registrationText);
		community.saveWording(organization.id(),
				new CommunityRepository.Wording(wording.subject(), wording.body(), registration));
		Organization updated = brandColor.strip().equalsIgnoreCase(organization.brandColor()) ? organization
				: organizations.updateBranding(user, brandColor, organization.logoUrl());
		audit.record(new AuditEntry("COMMUNITY_UPDATED", organization.id(), user.accountId(), user.email().value(),
				organization.id().toString(), "invitation wording and registration text"));
		return settingsOf(updated);
	}

	/**
	 * Checks, re-encodes and stores a new logo; emails sent from now on show it.
	 * @throws Problem 400 for anything but a PNG, JPEG or GIF image within the limits,
	 * 413 above {@link LogoImage#MAX_BYTES}
	 */
	@Transactional
	public CommunitySettings uploadLogo(CurrentUser user, byte[] upload) {
		Organization organization = manage(user);
		LogoImage logo = LogoImage.read(upload);
		community.saveLogo(organization.id(), logo);
		Organization updated = organizations.updateBranding(user, organization.brandColor(),
				links.to(logoPath(organization.id(), logo.sha256())));
		audit
			.record(new AuditEntry("COMMUNITY_LOGO_UPLOADED", organization.id(), user.accountId(), user.email().value(),
					organization.id().toString(), logo.width() + "x" + logo.height() + " " + logo.sha256()));
		return settingsOf(updated);
	}

	@Transactional
	public CommunitySettings removeLogo(CurrentUser user) {
		Organization organization = manage(user);
		community.deleteLogo(organization.id());
		Organization updated = organizations.updateBranding(user, organization.brandColor(), null);
		audit.record(new AuditEntry("COMMUNITY_LOGO_REMOVED", organization.id(), user.accountId(), user.email().value(),
				organization.id().toString(), null));
		return settingsOf(updated);
	}

	/**
	 * A community's logo for emails and pages: public, like any image in an email, and
	 * found only by its organization and current hash.
	 */
	@Transactional(readOnly = true)
	public Optional<byte[]> logo(UUID organization, String sha256) {
		if (!sha256.matches("[0-9a-f]{64}")) {
			return Optional.empty();
		}
		return community.logo(organization, sha256);
	}

	static String logoPath(OrganizationId organization, String sha256) {
		return "/community-logos/" + organization + "/" + sha256 + ".png";
	}

	private CommunitySettings settingsOf(Organization organization) {
		Optional<CommunityRepository.Wording> saved = community.wording(organization.id());
		InvitationWording wording = saved.map(w -> new InvitationWording(w.subject(), w.body()))
			.orElse(InvitationWording.defaults());
		String logo = community.logoHash(organization.id()).map(sha -> logoPath(organization.id(), sha)).orElse(null);
		return new CommunitySettings(organization.name(), organization.brandColor(), logo, wording,
				saved.map(CommunityRepository.Wording::registrationText).orElse(""));
	}

	static String cleanRegistrationText(@Nullable String text) {
		String value = text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n').strip();
		if (value.codePointCount(0, value.length()) > MAX_REGISTRATION_TEXT) {
			throw new FieldProblem("registrationText",
					"The registration page text can be at most " + MAX_REGISTRATION_TEXT + " characters.");
		}
		if (value.codePoints().anyMatch(c -> c != '\n' && c != '\t' && PlainText.unfit(c))) {
			throw new FieldProblem("registrationText",
					"The registration page text cannot contain control or invisible characters.");
		}
		return value;
	}

	/**
	 * Paragraphs of a text: split on blank lines, line breaks inside one become spaces.
	 */
	static List<String> paragraphs(String text) {
		List<String> paragraphs = new ArrayList<>();
		for (String paragraph : text.split("\n\\s*\n")) {
			String joined = paragraph.replace('\n', ' ').strip();
			if (!joined.isEmpty()) {
				paragraphs.add(joined);
			}
		}
		return paragraphs;
	}

	// --- programs

	/** Every program of the community, New Members first, archived ones last. */
	@Transactional(readOnly = true)
	public List<Program> programs(CurrentUser user) {
		return community.programs(manage(user).id());
	}

	@Transactional(readOnly = true)
	public Program program(CurrentUser user, ProgramId id) {
		OrganizationId organization = manage(user).id();
		return find(organization, id, false);
	}

	@Transactional
	public Program createProgram(CurrentUser user, ProgramDraft draft) {
		OrganizationId organization = manage(user).id();
		community.ensureDefaultProgram(organization);
		ProgramId id = new ProgramId(UUID.randomUUID());
		String name = programName(organization, draft.name(), null);
		if (!community.insertProgram(organization, id, name, description(draft.description()),
				draft.coachesInviteDirectly())) {
			throw taken(name);
		}
		audit.record(new AuditEntry("PROGRAM_CREATED", organization, user.accountId(), user.email().value(),
				id.toString(), name));
		return find(organization, id, false);
	}

	@Transactional
	public Program updateProgram(CurrentUser user, ProgramId id, ProgramDraft draft) {
		OrganizationId organization = manage(user).id();
		Program program = find(organization, id, false);
		String name = programName(organization, draft.name(), id);
		if (program.isDefault() && !name.equals(program.name())) {
			throw new FieldProblem("name", "New Members is the community's default program and keeps its name.");
		}
		if (!community.updateProgram(organization, id, name, description(draft.description()),
				draft.coachesInviteDirectly())) {
			throw taken(name);
		}
		audit.record(new AuditEntry("PROGRAM_UPDATED", organization, user.accountId(), user.email().value(),
				id.toString(), name));
		return find(organization, id, false);
	}

	/**
	 * Archives a program: nobody can be invited into it any more, and its pending
	 * invitations are revoked so their links stop working. Members keep their membership.
	 * New Members cannot be archived.
	 */
	@Transactional
	public Program archive(CurrentUser user, ProgramId id) {
		OrganizationId organization = manage(user).id();
		Program program = find(organization, id, false);
		if (program.isDefault()) {
			throw Problem.conflict("New Members is the community's default program and cannot be archived.");
		}
		if (!community.setArchived(organization, id, true)) {
			throw Problem.conflict(program.name() + " is archived already.");
		}
		int revoked = invitations.revokePendingFor(user, id.value());
		audit.record(new AuditEntry("PROGRAM_ARCHIVED", organization, user.accountId(), user.email().value(),
				id.toString(), program.name() + ", " + revoked + " pending invitations revoked"));
		return find(organization, id, false);
	}

	@Transactional
	public Program unarchive(CurrentUser user, ProgramId id) {
		OrganizationId organization = manage(user).id();
		Program program = find(organization, id, false);
		if (!community.setArchived(organization, id, false)) {
			throw Problem.conflict(program.name() + " is not archived.");
		}
		audit.record(new AuditEntry("PROGRAM_UNARCHIVED", organization, user.accountId(), user.email().value(),
				id.toString(), program.name()));
		return find(organization, id, false);
	}

	private String programName(OrganizationId organization, String name, @Nullable ProgramId except) {
		String cleaned;
		try {
			cleaned = PlainText.line(name, "a program name", Program.MAX_NAME);
		}
		catch (IllegalArgumentException ex) {
			throw new FieldProblem("name", ex.getMessage());
		}
		if (community.nameTaken(organization, cleaned, except)) {
			throw taken(cleaned);
		}
		return cleaned;
	}

	private static FieldProblem taken(String name) {
		return new FieldProblem("name", "Your community already has a program called " + name + ".");
	}

	private static String description(@Nullable String description) {
		String value = description == null ? "" : description.replace("\r\n", "\n").strip();
		if (value.length() > Program.MAX_DESCRIPTION) {
			throw new FieldProblem("description",
					"A description can be at most " + Program.MAX_DESCRIPTION + " characters.");
		}
		if (value.codePoints().anyMatch(c -> c != '\n' && PlainText.unfit(c))) {
			throw new FieldProblem("description", "A description cannot contain control or invisible characters.");
		}
		return value;
	}

	// --- people

	/** Manage users: a page of members and the pending invitations of one program. */
	@Transactional(readOnly = true)
	public ProgramPeople people(CurrentUser user, ProgramId id, @Nullable String after) {
		OrganizationId organization = manage(user).id();
		CommunityRepository.ProgramPage page = community
			.programAndMembers(organization, id, KeysetCursor.decode(after), MEMBERS_PER_PAGE + 1)
			.orElseThrow(() -> Problem.notFound("No such program."));
		Program program = page.program();
		List<CommunityRepository.MemberRow> rows = page.members();
		Map<AccountId, AccountSummary> people = accounts
			.findAll(rows.stream().map(CommunityRepository.MemberRow::accountId).toList());
		List<ProgramMember> members = rows.stream()
			.limit(MEMBERS_PER_PAGE)
			.filter(row -> people.containsKey(row.accountId()))
			.map(row -> {
				AccountSummary person = people.get(row.accountId());
				return new ProgramMember(row.accountId(), person.displayName(), person.email().value(), row.role(),
						row.joinedAt());
			})
			.toList();
		String next = null;
		if (rows.size() > MEMBERS_PER_PAGE) {
			CommunityRepository.MemberRow last = rows.get(MEMBERS_PER_PAGE - 1);
			next = new KeysetCursor(last.joinedAt(), last.accountId().value()).encode();
		}
		return new ProgramPeople(program, members, next,
				invitations.pendingFor(organization, id.value(), PENDING_SHOWN)
					.stream()
					.map(PendingMember::of)
					.toList());
	}

	/**
	 * + Invite: sends each person an invitation into the program with a program role, in
	 * the community's wording. All are sent or, when one is refused (a member already, a
	 * pending invitation, a bad address, a rate limit), none. Runs in a transaction of
	 * its own, shared with the same person's concurrent invitations into the program
	 * ({@link GroupCommit}), or in the caller's.
	 */
	public List<InvitationId> invite(CurrentUser user, ProgramId id, List<Invitee> invitees) {
		check(user, invitees);
		return groupedInvitations.submit(new Inviter(user, id), invitees, groups -> inviteGroups(user, id, groups));
	}

	/**
	 * {@link #invite} for a request that answers asynchronously: its thread does not wait
	 * for the transaction, so every request in flight can join the next group.
	 */
	public CompletableFuture<List<InvitationId>> inviteAsync(CurrentUser user, ProgramId id, List<Invitee> invitees) {
		check(user, invitees);
		return groupedInvitations.submitAsync(new Inviter(user, id), invitees, groups -> inviteGroups(user, id, groups),
				GroupCommit.RUNNERS);
	}

	private static void check(CurrentUser user, List<Invitee> invitees) {
		requireManager(user);
		if (invitees.isEmpty()) {
			throw Problem.invalid("Add at least one person to invite.");
		}
		if (invitees.size() > MAX_INVITEES) {
			throw Problem.invalid("Invite at most " + MAX_INVITEES + " people at once.");
		}
	}

	private List<List<InvitationId>> inviteGroups(CurrentUser user, ProgramId id, List<List<Invitee>> groups) {
		return transaction.execute(status -> GroupCommit.slices(groups, inviteNow(user, id,
				groups.size() == 1 ? groups.getFirst() : groups.stream().flatMap(List::stream).toList())));
	}

	private List<InvitationId> inviteNow(CurrentUser user, ProgramId id, List<Invitee> invitees) {
		OrganizationId organization = manage(user).id();
		// share-locked: an archive waits for this invitation and then revokes it
		Program program = find(organization, id, true);
		if (program.archived()) {
			throw Problem.conflict(program.name() + " is archived. Restore it before inviting people into it.");
		}
		List<InvitationRequest> requests = new ArrayList<>(invitees.size());
		Set<EmailAddress> seen = new HashSet<>();
		for (Invitee invitee : invitees) {
			String name = field("name", () -> PlainText.line(invitee.name(), "a name", 100));
			EmailAddress email = field("email", () -> new EmailAddress(invitee.email()));
			if (invitee.role() == null) {
				throw Problem.invalid("Choose a role for " + email + ": client, coach or mentor.");
			}
			if (!seen.add(email)) {
				throw Problem.invalid(email + " is listed twice.");
			}
			requests.add(new InvitationRequest(InvitationPurpose.PROGRAM_MEMBER, id.value(), email, name, null));
		}
		// one query for the accounts and one for their memberships, however many people
		Map<EmailAddress, AccountSummary> known = accounts.findAllByEmail(seen);
		Set<AccountId> members = community.membersAmong(id, known.values().stream().map(AccountSummary::id).toList());
		known.values().stream().filter(account -> members.contains(account.id())).findFirst().ifPresent(account -> {
			throw Problem.conflict(account.email() + " is already a member of " + program.name() + ".");
		});
		Set<EmailAddress> pending = invitations.pendingEmails(organization, id.value(), seen);
		if (!pending.isEmpty()) {
			throw Problem.conflict(pending.iterator().next() + " already has a pending invitation to " + program.name()
					+ ". Resend it from the Invitations page.");
		}
		List<InvitationId> sent = invitations.sendAll(user, requests);
		community.rememberInvitations(organization, id, sent, invitees.stream().map(Invitee::role).toList());
		return sent;
	}

	@Transactional
	public void removeMember(CurrentUser user, ProgramId id, AccountId member) {
		OrganizationId organization = manage(user).id();
		Program program = find(organization, id, false);
		if (!community.removeMember(organization, id, member)) {
			throw Problem.notFound("This person is not a member of " + program.name() + ".");
		}
		audit.record(new AuditEntry("PROGRAM_MEMBER_REMOVED", organization, user.accountId(), user.email().value(),
				member.toString(), program.name()));
	}

	/** A value typed into a field, or a problem naming that field. */
	private static <T> T field(String field, java.util.function.Supplier<T> value) {
		try {
			return value.get();
		}
		catch (IllegalArgumentException ex) {
			throw new FieldProblem(field, ex.getMessage());
		}
	}

	// --- members' own view

	/** "My community": the programs the person belongs to, in every community. */
	@Transactional(readOnly = true)
	public List<MyProgram> myPrograms(CurrentUser user) {
		return mine(user.accountId(), null);
	}

	/** One of the person's programs, or 404 for any program they are not in. */
	@Transactional(readOnly = true)
	public MyProgram myProgram(CurrentUser user, ProgramId id) {
		return mine(user.accountId(), id).stream()
			.findFirst()
			.orElseThrow(() -> Problem.notFound("You are not a member of this program."));
	}

	private List<MyProgram> mine(AccountId account, @Nullable ProgramId only) {
		List<CommunityRepository.MembershipRow> rows = community.membershipsOf(account, only);
		Map<OrganizationId, Organization> communities = rows.stream()
			.map(CommunityRepository.MembershipRow::organization)
			.distinct()
			.collect(Collectors.toMap(id -> id, id -> organizations.find(id).orElseThrow()));
		return rows.stream().map(row -> {
			Organization organization = communities.get(row.organization());
			return new MyProgram(row.program(), row.name(), row.description(), organization.name(),
					organization.logoUrl(), organization.brandColor(), row.role(), row.joinedAt(), row.archived());
		}).toList();
	}

	// --- rules

	/**
	 * The caller's organization, behind the wall, when they may manage its community:
	 * owners and admins of a coaching business.
	 */
	private Organization manage(CurrentUser user) {
		OrganizationId id = requireManager(user);
		Organization organization = organizations.enter(id)
			.orElseThrow(() -> Problem.notFound("This organization no longer exists."));
		if (organization.kind() != OrganizationKind.PROVIDER) {
			throw new AccessDeniedProblem("Communities belong to coaching businesses, not client companies.");
		}
		return organization;
	}

	private static OrganizationId requireManager(CurrentUser user) {
		OrganizationId id = user.requireOrganization();
		if (!user.isAdmin()) {
			throw new AccessDeniedProblem("Only owners and admins manage the community.");
		}
		return id;
	}

	private Program find(OrganizationId organization, ProgramId id, boolean share) {
		return community.program(organization, id, share).orElseThrow(() -> Problem.notFound("No such program."));
	}

}
