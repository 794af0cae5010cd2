package app.rapport.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import app.rapport.audit.AuditEntry;
import app.rapport.audit.AuditLog;
import app.rapport.invitation.InvitationId;
import app.rapport.invitation.InvitationPurpose;
import app.rapport.invitation.InvitationRequest;
import app.rapport.invitation.Invitations;
import app.rapport.invitation.Invitations.InvitationHistory;
import app.rapport.organization.Organization;
import app.rapport.organization.Organizations;
import app.rapport.shared.AccessDeniedProblem;
import app.rapport.shared.AccountId;
import app.rapport.shared.CurrentUser;
import app.rapport.shared.EmailAddress;
import app.rapport.shared.FieldProblem;
import app.rapport.shared.GroupCommit;
import app.rapport.shared.OrganizationId;
import app.rapport.shared.Problem;
import app.rapport.shared.TenantScope;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Clients page of a provider. Owners and admins manage every record; a coach sees the
 * records they created and may add individual clients.
 */
@Service
public class Clients {

	/** Most rows one "Add another" form or API call may create. */
	public static final int MAX_BATCH = 50;

	private final ClientRepository clients;

	private final Invitations invitations;

	private final AuditLog audit;

	private final Organizations organizations;

	private final TenantScope tenantScope;

	private final TransactionTemplate transaction;

	/**
	 * Concurrent creations by the same person with the same choice (invite or not) share
	 * a transaction: an integration sending one client a request, 8 requests at a time,
	 * pays one transaction per group, not per client. One group of a person at a time:
	 * with two, the groups were smaller and PostgreSQL's share larger for no more
	 * throughput (docs/benchmarks.md).
	 */
	private final GroupCommit<Creator, List<ClientDetails.Individual>, List<ClientId>> groupedCreations = new GroupCommit<>(
			MAX_BATCH, List::size, 1);

	private record Creator(CurrentUser user, boolean invite) {
	}

	Clients(ClientRepository clients, Invitations invitations, AuditLog audit, Organizations organizations,
			TenantScope tenantScope, TransactionTemplate transaction) {
		this.tenantScope = tenantScope;
		this.transaction = transaction;
		this.organizations = organizations;
		this.clients = clients;
		this.invitations = invitations;
		this.audit = audit;
	}

	/**
	 * Creates individual clients, as internal records or invited; all or none. Runs in a
	 * transaction of its own, shared with the same person's concurrent creations
	 * ({@link GroupCommit}), or in the caller's transaction when there is one.
	 */
	public List<ClientId> createIndividuals(CurrentUser user, List<ClientDetails.Individual> people, boolean invite) {
		check(user, people);
		return groupedCreations.submit(new Creator(user, invite), people, groups -> write(user, groups, invite));
	}

	/**
	 * {@link #createIndividuals} for a request that answers asynchronously: its thread
	 * does not wait for the transaction, so every request in flight can join the next
	 * group.
	 */
	public CompletableFuture<List<ClientId>> createIndividualsAsync(CurrentUser user,
			List<ClientDetails.Individual> people, boolean invite) {
		check(user, people);
		return groupedCreations.submitAsync(new Creator(user, invite), people, groups -> write(user, groups, invite),
				GroupCommit.RUNNERS);
	}

	private static void check(CurrentUser user, List<ClientDetails.Individual> people) {
		user.requireOrganization();
		if (people.isEmpty() || people.size() > MAX_BATCH) {
			throw Problem.invalid("Add between 1 and " + MAX_BATCH + " clients at once; import a CSV file for more.");
		}
	}

	private List<List<ClientId>> write(CurrentUser user, List<List<ClientDetails.Individual>> groups, boolean invite) {
		return transaction.execute(status -> GroupCommit.slices(groups, writeIndividuals(user,
				groups.size() == 1 ? groups.getFirst() : groups.stream().flatMap(List::stream).toList(), invite)));
	}

	private List<ClientId> writeIndividuals(CurrentUser user, List<ClientDetails.Individual> people, boolean invite) {
		OrganizationId providerId = user.requireOrganization();
		checkNoRepeats(people.stream().map(ClientDetails.Individual::email).toList());
		List<ClientRepository.NewClient> rows = new ArrayList<>();
		List<InvitationRequest> requests = new ArrayList<>();
		for (ClientDetails.Individual person : people) {
			if (invite && person.email() == null) {
				throw new FieldProblem("email", "Enter an email address to send the invitation to.");
			}
			UUID id = UUID.randomUUID();
			rows.add(new ClientRepository.NewClient(id, providerId, ClientKind.INDIVIDUAL,
					invite ? ClientStatus.INVITED : ClientStatus.INTERNAL, person.displayName(), person.firstName(),
					person.lastName(), email(person.email()), person.phone(), person.timeZone(), null, null, null,
					person.tags(), person.privateNotes(), user.accountId()));
			if (invite) {
				requests.add(new InvitationRequest(InvitationPurpose.INDIVIDUAL_CLIENT, id, person.email(),
						person.displayName(), null));
			}
		}
		// the insert is the transaction's first statement: it enters the tenant wall
		insertRefusingDuplicates(providerId, rows);
		if (invite) {
			invitations.sendAll(user, requests);
		}
		audit.recordAll(rows.stream()
			.map(row -> new AuditEntry("CLIENT_CREATED", providerId, user.accountId(), user.email().value(),
					row.id().toString(), row.status().name()))
			.toList());
		return rows.stream().map(row -> new ClientId(row.id())).toList();
	}

	/** Creates a client company; with a point of contact it can be invited at once. */
	@Transactional
	public ClientId createCompany(CurrentUser user, ClientDetails.Company company, boolean invite) {
		OrganizationId providerId = user.requireAdmin();
		tenantScope.enter(providerId);
		if (invite && !company.hasContact()) {
			throw new FieldProblem("contactEmail", "Add a point of contact to invite, or save as an internal record.");
		}
		UUID id = UUID.randomUUID();
		ClientStatus status = invite ? ClientStatus.INVITED : ClientStatus.INTERNAL;
		insertRefusingDuplicates(providerId,
				List.of(new ClientRepository.NewClient(id, providerId, ClientKind.COMPANY, status, company.name(), null,
						null, email(company.contactEmail()), null, null, company.website(), company.address(),
						company.contactName(), company.tags(), company.privateNotes(), user.accountId())));
		if (invite) {
			invitations.send(user, new InvitationRequest(InvitationPurpose.COMPANY_POC, id, company.contactEmail(),
					company.contactName(), null));
		}
		audit.record(new AuditEntry("CLIENT_CREATED", providerId, user.accountId(), user.email().value(), id.toString(),
				"COMPANY " + status));
		return new ClientId(id);
	}

	@Transactional(readOnly = true)
	public ClientPage page(CurrentUser user, ClientQuery query) {
		OrganizationId providerId = user.requireOrganization();
		AccountId onlyCreatedBy = user.isAdmin() ? null : user.accountId();
		if (ClientRepository.leakproof(query)) {
			return clients.page(providerId, onlyCreatedBy, query);
		}
		// email searches and tag filters find the page's ids through their indexes first;
		// the rows themselves are still read behind the wall
		List<UUID> ids = clients.pageIds(providerId, onlyCreatedBy, query);
		return clients.pageOf(providerId, ids, query);
	}

	/** The organization's tags; one statement, so no transaction of its own. */
	public List<String> tags(CurrentUser user) {
		return clients.tags(user.requireOrganization());
	}

	/** A record the current user may see, or 404. */
	@Transactional(readOnly = true)
	public ClientRecord find(CurrentUser user, ClientId id) {
		return load(user, id);
	}

	/**
	 * A record the current user may see, or 404. It puts the rest of the transaction (the
	 * read or the change that follows) behind the row-level-security wall.
	 */
	private ClientRecord load(CurrentUser user, ClientId id) {
		OrganizationId providerId = user.requireOrganization();
		ClientRecord record = clients.findBehindTheWall(providerId, id)
			.orElseThrow(() -> Problem.notFound("No such client."));
		if (!user.isAdmin() && !record.createdBy().equals(user.accountId())) {
			throw Problem.notFound("No such client.");
		}
		return record;
	}

	@Transactional(readOnly = true)
	public List<InvitationHistory> invitationHistory(CurrentUser user, ClientId id) {
		ClientRecord record = load(user, id);
		return invitations.forSubject(record.providerId(), id.value());
	}

	@Transactional(readOnly = true)
	public boolean isConnected(CurrentUser user, ClientId id) {
		ClientRecord record = load(user, id);
		return clients.isConnected(record.providerId(), id);
	}

	/** Invites the person behind an internal record ("send it later"). */
	@Transactional
	public InvitationId sendInvitation(CurrentUser user, ClientId id, @Nullable String email) {
		ClientRecord record = load(user, id);
		if (record.status() != ClientStatus.INTERNAL) {
			throw Problem.conflict(record.status() == ClientStatus.OWNED ? "This client already owns their record."
					: "An invitation is already pending. Resend it instead.");
		}
		String address = record.email();
		if (address == null) {
			EmailAddress given = ClientDetails.email("email", email, true);
			checkNoDuplicates(record.providerId(), List.of(given));
			clients.updateEmail(id, record.providerId(), given.value());
			address = given.value();
		}
		if (record.kind() == ClientKind.COMPANY && record.contactName() == null) {
			throw new FieldProblem("email", "Add the point of contact's name before inviting the company.");
		}
		clients.markInvited(id, record.providerId());
		InvitationPurpose purpose = record.kind() == ClientKind.COMPANY ? InvitationPurpose.COMPANY_POC
				: InvitationPurpose.INDIVIDUAL_CLIENT;
		String name = record.kind() == ClientKind.COMPANY ? record.contactName() : record.displayName();
		return invitations.send(user,
				new InvitationRequest(purpose, id.value(), new EmailAddress(address), name, null));
	}

	@Transactional
	public void resendInvitation(CurrentUser user, ClientId id, InvitationId invitation) {
		ClientRecord record = load(user, id);
		requireInvitationOf(record, invitation);
		invitations.resend(user, invitation);
		clients.touchInvited(id);
	}

	@Transactional
	public void revokeInvitation(CurrentUser user, ClientId id, InvitationId invitation) {
		ClientRecord record = load(user, id);
		requireInvitationOf(record, invitation);
		invitations.revoke(user, invitation);
	}

	/**
	 * Edits a record. Once the client owns it, the provider may only change the
	 * relationship fields (tags and private notes); the personal details are the owner's.
	 */
	@Transactional
	public ClientRecord update(CurrentUser user, ClientId id, ClientRecord changed) {
		ClientRecord record = load(user, id);
		if (record.personalDetailsLocked() && !samePersonalDetails(record, changed)) {
			throw new AccessDeniedProblem(
					"This client owns their record: only tags and private notes can be changed by you.");
		}
		ClientRecord updated = new ClientRecord(record.id(), record.providerId(), record.kind(), record.status(),
				changed.displayName(), changed.firstName(), changed.lastName(), record.email(), changed.phone(),
				changed.timeZone(), changed.website(), changed.address(), changed.contactName(), changed.tags(),
				changed.privateNotes(), record.ownerAccountId(), record.ownerOrganizationId(), record.createdBy(),
				record.createdAt(), record.lastInvitedAt(), record.archivedAt());
		clients.update(updated);
		audit.record(new AuditEntry("CLIENT_UPDATED", record.providerId(), user.accountId(), user.email().value(),
				id.toString(), null));
		return updated;
	}

	@Transactional
	public void archive(CurrentUser user, ClientId id, boolean archived) {
		ClientRecord record = load(user, id);
		clients.setArchived(id, record.providerId(), archived);
		audit.record(new AuditEntry(archived ? "CLIENT_ARCHIVED" : "CLIENT_UNARCHIVED", record.providerId(),
				user.accountId(), user.email().value(), id.toString(), null));
	}

	/**
	 * The relationships a person owns as a client, one per provider, for their "My
	 * coaching" page. A provider never sees another provider's relationship with the same
	 * person.
	 */
	@Transactional(readOnly = true)
	public List<Relationship> relationshipsOf(AccountId account) {
		return clients.ownedBy(account)
			.stream()
			.map(record -> new Relationship(record,
					organizations.find(record.providerId()).map(Organization::name).orElse("A coaching business")))
			.toList();
	}

	/**
	 * A client record seen by its owner, with the provider's name. Private notes are
	 * never included.
	 */
	public record Relationship(ClientId id, String providerName, ClientKind kind, String firstName, String lastName,
			String displayName, @Nullable String email, @Nullable String phone, @Nullable String timeZone) {

		Relationship(ClientRecord record, String providerName) {
			this(record.id(), providerName, record.kind(), record.firstName() == null ? "" : record.firstName(),
					record.lastName() == null ? "" : record.lastName(), record.displayName(), record.email(),
					record.phone(), record.timeZone());
		}

	}

	/** The owner edits their own name, phone and time zone. */
	@Transactional
	public void updateOwnDetails(AccountId owner, ClientId id, String firstName, String lastName,
			@Nullable String phone, @Nullable String timeZone) {
		clients.updateOwnDetails(id, owner, ClientDetails.line("firstName", firstName, "a first name", 100),
				ClientDetails.line("lastName", lastName, "a last name", 100), ClientDetails.phone(phone),
				ClientDetails.timeZone(timeZone));
	}

	private void requireInvitationOf(ClientRecord record, InvitationId invitation) {
		boolean belongs = invitations.forSubject(record.providerId(), record.id().value())
			.stream()
			.anyMatch(h -> h.invitation().id().equals(invitation));
		if (!belongs) {
			throw Problem.notFound("No such invitation for this client.");
		}
	}

	private void checkNoDuplicates(OrganizationId providerId, List<@Nullable EmailAddress> emails) {
		Set<String> seen = checkNoRepeats(emails);
		Map<String, ClientRepository.Existing> existing = new HashMap<>();
		clients.existing(providerId, seen).forEach(e -> existing.put(e.email(), e));
		if (!existing.isEmpty()) {
			ClientRepository.Existing first = existing.values().iterator().next();
			throw new DuplicateClientProblem(first.email(), first.displayName(), new ClientId(first.id()));
		}
	}

	/** The addresses, each once; an address given twice is refused. */
	private static Set<String> checkNoRepeats(List<@Nullable EmailAddress> emails) {
		Set<String> seen = new HashSet<>();
		for (EmailAddress email : emails) {
			if (email != null && !seen.add(email.value())) {
				throw new FieldProblem("email", email + " appears twice. Each client needs their own email.");
			}
		}
		return seen;
	}

	/**
	 * Inserts the records, or refuses them all when one's email already belongs to a
	 * client of the provider (the transaction rolls back): one round trip where the
	 * duplicate check and the insert took two.
	 */
	private void insertRefusingDuplicates(OrganizationId providerId, List<ClientRepository.NewClient> rows) {
		Set<UUID> inserted = clients.insertNew(providerId, rows);
		if (inserted.size() == rows.size()) {
			return;
		}
		List<String> refused = rows.stream()
			.filter(row -> !inserted.contains(row.id()))
			.map(ClientRepository.NewClient::email)
			.filter(Objects::nonNull)
			.toList();
		ClientRepository.Existing first = clients.existing(providerId, refused)
			.stream()
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("a client record was not inserted, yet its email is free"));
		throw new DuplicateClientProblem(first.email(), first.displayName(), new ClientId(first.id()));
	}

	private static boolean samePersonalDetails(ClientRecord a, ClientRecord b) {
		return java.util.Objects.equals(a.displayName(), b.displayName())
				&& java.util.Objects.equals(a.firstName(), b.firstName())
				&& java.util.Objects.equals(a.lastName(), b.lastName())
				&& java.util.Objects.equals(a.phone(), b.phone())
				&& java.util.Objects.equals(a.timeZone(), b.timeZone())
				&& java.util.Objects.equals(a.website(), b.website())
				&& java.util.Objects.equals(a.address(), b.address())
				&& java.util.Objects.equals(a.contactName(), b.contactName());
	}

	private static @Nullable String email(@Nullable EmailAddress email) {
		return email == null ? null : email.value();
	}

	/** The email already belongs to a client record of the provider. */
	public static class DuplicateClientProblem extends FieldProblem {

		private final ClientId existing;

		DuplicateClientProblem(String email, String name, ClientId existing) {
			super("email", email + " already belongs to your client " + name + ".");
			this.existing = existing;
		}

		public ClientId existing() {
			return existing;
		}

	}

}
