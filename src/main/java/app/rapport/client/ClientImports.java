package app.rapport.client;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import app.rapport.audit.AuditEntry;
import app.rapport.audit.AuditLog;
import app.rapport.invitation.InvitationPurpose;
import app.rapport.invitation.InvitationRequest;
import app.rapport.invitation.Invitations;
import app.rapport.shared.CurrentUser;
import app.rapport.shared.EmailAddress;
import app.rapport.shared.OrganizationId;
import app.rapport.shared.Problem;
import app.rapport.shared.TenantScope;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports individual clients from a CSV file in two steps. The upload is parsed and every
 * row classified as new, duplicate or invalid (the preview), which is kept on the server
 * for an hour; the commit then imports exactly the new rows, as internal records or
 * invited, all or none. Owners and admins only.
 */
@Service
public class ClientImports {

	public static final int MAX_ROWS = ClientCsv.MAX_ROWS;

	public static final long MAX_BYTES = ClientCsv.MAX_BYTES;

	/** How long a preview waits for its commit. */
	public static final Duration VALIDITY = Duration.ofHours(1);

	private final ClientImportRepository imports;

	private final ClientRepository clients;

	private final Invitations invitations;

	private final AuditLog audit;

	private final Clock clock;

	private final TenantScope tenantScope;

	ClientImports(ClientImportRepository imports, ClientRepository clients, Invitations invitations, AuditLog audit,
			Clock clock, TenantScope tenantScope) {
		this.tenantScope = tenantScope;
		this.imports = imports;
		this.clients = clients;
		this.invitations = invitations;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Reads the file and keeps its preview. A problem with the file as a whole (size, row
	 * count, encoding, header) is a 400 and stores nothing.
	 */
	@Transactional
	public ClientImport preview(CurrentUser user, @Nullable String fileName, InputStream csv) {
		OrganizationId providerId = user.requireAdmin();
		List<ClientCsv.Row> raw = ClientCsv.parse(csv);
		Instant now = clock.instant();
		// housekeeping across organizations, before the transaction enters the tenant's
		// scope
		imports.deleteExpired(now);
		tenantScope.enter(providerId);
		List<ClientImport.Row> rows = classify(providerId, raw);
		int added = count(rows, ClientImport.RowStatus.NEW);
		ClientImport preview = new ClientImport(UUID.randomUUID(), cleanFileName(fileName), rows, added,
				count(rows, ClientImport.RowStatus.DUPLICATE), count(rows, ClientImport.RowStatus.INVALID), now,
				now.plus(VALIDITY), null, null, null);
		imports.insert(preview, providerId, user.accountId());
		return preview;
	}

	/** The current user's import in their organization, or 404. */
	@Transactional(readOnly = true)
	public ClientImport find(CurrentUser user, UUID id) {
		OrganizationId providerId = user.requireAdmin();
		tenantScope.enter(providerId);
		return imports.find(id, providerId, user.accountId(), false).orElseThrow(ClientImports::noSuchImport);
	}

	/**
	 * Imports the new rows of the preview in one transaction: client records with
	 * multi-row inserts and, when inviting, one {@link Invitations#sendAll} call. When
	 * anything refuses (an email became a client meanwhile, the owner's email is not
	 * confirmed, a rate limit), nothing is stored.
	 */
	@Transactional
	public ClientImport.Result commit(CurrentUser user, UUID id, boolean invite) {
		OrganizationId providerId = user.requireAdmin();
		tenantScope.enter(providerId);
		ClientImport preview = imports.find(id, providerId, user.accountId(), true)
			.orElseThrow(ClientImports::noSuchImport);
		Instant now = clock.instant();
		if (preview.committed()) {
			throw Problem.conflict("This import was already committed: " + preview.importedCount() + " clients.");
		}
		if (preview.expired(now)) {
			throw Problem.gone("This preview expired after an hour. Upload the file again.");
		}
		List<ClientImport.Row> rows = preview.rows()
			.stream()
			.filter(row -> row.status() == ClientImport.RowStatus.NEW)
			.toList();
		if (rows.isEmpty()) {
			throw Problem.invalid("The file has no valid new clients to import.");
		}
		List<ClientRepository.Existing> taken = clients.existing(providerId,
				rows.stream().map(ClientImport.Row::email).toList());
		if (!taken.isEmpty()) {
			throw Problem.conflict(taken.size() + " of these emails became clients since the preview (such as "
					+ taken.getFirst().email() + "). Upload the file again for a fresh preview.");
		}
		ClientStatus status = invite ? ClientStatus.INVITED : ClientStatus.INTERNAL;
		List<ClientRepository.NewClient> records = new ArrayList<>(rows.size());
		List<InvitationRequest> requests = new ArrayList<>(invite ? rows.size() : 0);
		List<AuditEntry> entries = new ArrayList<>(rows.size());
		for (ClientImport.Row row : rows) {
			UUID clientId = UUID.randomUUID();
			records.add(new ClientRepository.NewClient(clientId, providerId, ClientKind.INDIVIDUAL, status,
					row.firstName() + " " + row.lastName(), row.firstName(), row.lastName(), row.email(), row.phone(),
					null, null, null, null, row.tags(), null, user.accountId()));
			if (invite) {
				requests.add(new InvitationRequest(InvitationPurpose.INDIVIDUAL_CLIENT, clientId,
						new EmailAddress(row.email()), row.firstName(), null));
			}
			entries.add(new AuditEntry("CLIENT_CREATED", providerId, user.accountId(), user.email().value(),
					clientId.toString(), status.name() + " (import)"));
		}
		imports.insertIndividuals(records, now);
		if (invite) {
			invitations.sendAll(user, requests);
		}
		entries.add(new AuditEntry("CLIENTS_IMPORTED", providerId, user.accountId(), user.email().value(),
				id.toString(), rows.size() + (invite ? " invited" : " internal")));
		audit.recordAll(entries);
		imports.markCommitted(id, rows.size(), invite, now);
		return new ClientImport.Result(id, rows.size(), invite ? rows.size() : 0);
	}

	private List<ClientImport.Row> classify(OrganizationId providerId, List<ClientCsv.Row> raw) {
		List<ClientImport.Row> rows = new ArrayList<>(raw.size());
		List<ClientDetails.@Nullable Individual> valid = new ArrayList<>(raw.size());
		List<@Nullable String> reasons = new ArrayList<>(raw.size());
		Set<String> emails = new HashSet<>();
		for (ClientCsv.Row row : raw) {
			try {
				ClientDetails.Individual person = ClientDetails.Individual.of(row.firstName(), row.lastName(),
						row.email(), row.phone(), null, tags(row.tags()), null, true);
				valid.add(person);
				reasons.add(null);
				emails.add(person.email().value());
			}
			catch (Problem ex) {
				valid.add(null);
				reasons.add(ex.getMessage());
			}
		}
		Map<String, ClientRepository.Existing> existing = new HashMap<>();
		clients.existing(providerId, emails).forEach(e -> existing.put(e.email(), e));
		Map<String, Integer> firstLine = new HashMap<>();
		for (int i = 0; i < raw.size(); i++) {
			ClientCsv.Row row = raw.get(i);
			ClientDetails.Individual person = valid.get(i);
			if (person == null) {
				rows.add(new ClientImport.Row(row.line(), ClientImport.RowStatus.INVALID, row.firstName(),
						row.lastName(), row.email(), blankToNull(row.phone()), List.of(), reasons.get(i)));
				continue;
			}
			String email = person.email().value();
			ClientRepository.Existing client = existing.get(email);
			Integer earlier = firstLine.putIfAbsent(email, row.line());
			String duplicate = client != null ? email + " is already your client " + client.displayName() + "."
					: earlier != null ? email + " appears earlier in the file (line " + earlier + ")." : null;
			rows.add(new ClientImport.Row(row.line(),
					duplicate == null ? ClientImport.RowStatus.NEW : ClientImport.RowStatus.DUPLICATE,
					person.firstName(), person.lastName(), email, person.phone(), person.tags(), duplicate));
		}
		return rows;
	}

	/** Tags in a cell are separated by ; or | (a comma would end the cell). */
	private static String tags(String cell) {
		return cell.replace(';', ',').replace('|', ',');
	}

	private static int count(List<ClientImport.Row> rows, ClientImport.RowStatus status) {
		return (int) rows.stream().filter(row -> row.status() == status).count();
	}

	private static @Nullable String blankToNull(String value) {
		return value.isBlank() ? null : value;
	}

	private static @Nullable String cleanFileName(@Nullable String name) {
		if (name == null || name.isBlank()) {
			return null;
		}
		String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		String cleaned = base.codePoints()
			.filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString()
			.strip();
		return cleaned.isEmpty() ? null : cleaned.substring(0, Math.min(cleaned.length(), 200));
	}

	private static Problem noSuchImport() {
		return Problem.notFound("No such import. Upload the file again.");
	}

}
