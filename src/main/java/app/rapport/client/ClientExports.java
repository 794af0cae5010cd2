package app.rapport.client;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import app.rapport.audit.AuditEntry;
import app.rapport.audit.AuditLog;
import app.rapport.shared.CurrentUser;
import app.rapport.shared.OrganizationId;
import app.rapport.shared.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The Clients list as a CSV file, with the list's filters and its visibility rule (admins
 * export every client, coaches the ones they created). It is read page by page through
 * the list's keyset pagination, each page in its own short transaction behind the tenant
 * wall, and written out as it is read, so an export of 100,000 clients holds neither a
 * long transaction nor the whole file in memory. The columns named like the import's can
 * be imported again.
 */
@Service
public class ClientExports {

	/** Exports running at once on one node; each keeps a request thread busy. */
	public static final int MAX_RUNNING = 4;

	static final String HEADER = "Name,Kind,Status,First name,Last name,Email,Point of contact,Phone,Time zone,"
			+ "Website,Address,Tags,Private notes,Created (UTC),Last invitation (UTC),Archived (UTC)\r\n";

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneOffset.UTC);

	private final Clients clients;

	private final AuditLog audit;

	private final Semaphore slots = new Semaphore(MAX_RUNNING);

	private final Set<OrganizationId> running = ConcurrentHashMap.newKeySet();

	ClientExports(Clients clients, AuditLog audit) {
		this.clients = clients;
		this.audit = audit;
	}

	/** Where the file goes; opened only once the export may start. */
	@FunctionalInterface
	public interface Sink {

		Writer open() throws IOException;

	}

	/**
	 * Writes the clients matching the filters (the query's cursor and size are ignored)
	 * and records the export in the audit log. One export per organization runs at a
	 * time, and at most {@link #MAX_RUNNING} on this node; beyond that the answer is a
	 * 429 before anything is written.
	 * @return how many clients were written
	 */
	public int export(CurrentUser user, ClientQuery filters, Sink sink) throws IOException {
		OrganizationId organization = user.requireOrganization();
		if (!running.add(organization)) {
			throw Problem.tooManyRequests(
					"An export of your organization's clients is already running. Try again when it has finished.");
		}
		try {
			if (!slots.tryAcquire()) {
				throw Problem.tooManyRequests("Too many exports are running right now. Try again in a minute.");
			}
			try {
				return write(user, filters, sink);
			}
			finally {
				slots.release();
			}
		}
		finally {
			running.remove(organization);
		}
	}

	private int write(CurrentUser user, ClientQuery filters, Sink sink) throws IOException {
		Writer out = sink.open();
		// a byte order mark, so that spreadsheets read the file as UTF-8
		out.write('\uFEFF');
		out.write(HEADER);
		int count = 0;
		String after = null;
		do {
			ClientPage page = clients.page(user, new ClientQuery(filters.search(), filters.kind(), filters.status(),
					filters.tag(), filters.sort(), filters.archived(), after, ClientQuery.MAX_SIZE));
			for (ClientRecord client : page.clients()) {
				out.write(row(client));
			}
			count += page.clients().size();
			after = page.next();
		}
		while (after != null);
		out.flush();
		audit.record(new AuditEntry("CLIENTS_EXPORTED", user.requireOrganization(), user.accountId(),
				user.email().value(), null, count + " clients"));
		return count;
	}

	/** One line of the file, in the order of {@link #HEADER}. */
	private static String row(ClientRecord c) {
		return Stream
			.of(c.displayName(), c.kind().label(), c.status().label(), c.firstName(), c.lastName(), c.email(),
					c.contactName(), c.phone(), c.timeZone(), c.website(), c.address(), String.join(", ", c.tags()),
					c.privateNotes(), date(c.createdAt()), date(c.lastInvitedAt()), date(c.archivedAt()))
			.map(CsvCells::cell)
			.collect(Collectors.joining(",", "", "\r\n"));
	}

	private static @Nullable String date(@Nullable Instant instant) {
		return instant == null ? null : UTC.format(instant);
	}

}
