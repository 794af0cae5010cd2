package app.rapport.client;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import app.rapport.shared.AccountId;
import app.rapport.shared.FieldProblem;
import app.rapport.shared.OrganizationId;
import app.rapport.shared.Problem;
import app.rapport.shared.TenantScope;
import app.rapport.shared.TenantScope.Planning;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ClientRepository {

	private static final String COLUMNS = """
			id, provider_id, kind, status, display_name, first_name, last_name, email, phone, time_zone, website,
			address, contact_name, tags, private_notes, owner_account_id, owner_organization_id, created_by,
			created_at, last_invited_at, archived_at""";

	/** A page's columns: {@link #COLUMNS} and the stored name key, for the cursor. */
	private static final String PAGE_COLUMNS = COLUMNS + ", name_key";

	private final JdbcClient jdbc;

	private final TenantScope tenantScope;

	ClientRepository(JdbcClient jdbc, TenantScope tenantScope) {
		this.jdbc = jdbc;
		this.tenantScope = tenantScope;
	}

	record NewClient(UUID id, OrganizationId providerId, ClientKind kind, ClientStatus status, String displayName,
			@Nullable String firstName, @Nullable String lastName, @Nullable String email, @Nullable String phone,
			@Nullable String timeZone, @Nullable String website, @Nullable String address, @Nullable String contactName,
			List<String> tags, @Nullable String privateNotes, AccountId createdBy) {
	}

	private static final String INSERT = """
			insert into client_record (id, provider_id, kind, status, display_name, first_name, last_name, email, phone,
			    time_zone, website, address, contact_name, tags, private_notes, created_by, last_invited_at, created_at)
			values """;

	private static final String INSERT_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, clock_timestamp())";

	/**
	 * Inserts the records behind the tenant wall, entering it with the same round trip,
	 * and returns the ids of those inserted. A record whose email the provider already
	 * has is left out, also when a parallel request added the email a moment ago: the
	 * unique index on provider and email decides, so no duplicate check need go first.
	 */
	Set<UUID> insertNew(OrganizationId providerId, List<NewClient> clients) {
		StringBuilder sql = new StringBuilder(INSERT);
		List<Object> params = new ArrayList<>(clients.size() * 17);
		for (NewClient c : clients) {
			sql.append(params.isEmpty() ? "" : ", ").append(INSERT_ROW);
			params.addAll(Arrays.asList(c.id(), c.providerId().value(), c.kind().name(), c.status().name(),
					c.displayName(), c.firstName(), c.lastName(), c.email(), c.phone(), c.timeZone(), c.website(),
					c.address(), c.contactName(), c.tags().toArray(String[]::new), c.privateNotes(),
					c.createdBy().value(), c.status() == ClientStatus.INVITED ? Timestamp.from(Instant.now()) : null));
		}
		sql.append(" on conflict do nothing returning id");
		return new HashSet<>(
				tenantScope.enterAndQuery(providerId, sql.toString(), params, (rs, n) -> rs.getObject(1, UUID.class)));
	}

	/**
	 * Which of these emails already have a record in the provider (one index lookup). It
	 * enters the tenant wall, for the rest of the transaction too, with the same round
	 * trip.
	 */
	List<Existing> existing(OrganizationId providerId, Collection<String> emails) {
		if (emails.isEmpty()) {
			tenantScope.enter(providerId);
			return List.of();
		}
		// one address (a single invitation) is compared with "=": with "= any(array)",
		// PostgreSQL planned the statement anew on every request
		return tenantScope.enterAndQuery(providerId,
				"select id, email, display_name from client_record where provider_id = ? and email "
						+ (emails.size() == 1 ? "= ?" : "= any(?)"),
				List.of(providerId.value(),
						emails.size() == 1 ? emails.iterator().next() : emails.toArray(String[]::new)),
				(rs, n) -> new Existing(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)));
	}

	record Existing(UUID id, String email, String displayName) {
	}

	Optional<ClientRecord> find(OrganizationId providerId, ClientId id) {
		return jdbc.sql("select " + COLUMNS + " from client_record where id = ? and provider_id = ?")
			.params(id.value(), providerId.value())
			.query(ClientRepository::map)
			.optional();
	}

	Optional<ClientRecord> findById(ClientId id) {
		return jdbc.sql("select " + COLUMNS + " from client_record where id = ?")
			.param(id.value())
			.query(ClientRepository::map)
			.optional();
	}

	List<ClientRecord> ownedBy(AccountId account) {
		return jdbc
			.sql("select " + COLUMNS + " from client_record where id in "
					+ "(select client_id from client_ownership where owner_account_id = ?) order by created_at")
			.param(account.value())
			.query(ClientRepository::map)
			.list();
	}

	/**
	 * The record, read behind the tenant wall, which the rest of the transaction stays
	 * behind.
	 */
	Optional<ClientRecord> findBehindTheWall(OrganizationId providerId, ClientId id) {
		return tenantScope
			.enterAndQuery(providerId, "select " + COLUMNS + " from client_record where id = ? and provider_id = ?",
					List.of(id.value(), providerId.value()), ClientRepository::map)
			.stream()
			.findFirst();
	}

	/**
	 * A page of the Clients page with keyset pagination (the cursor holds the sort key
	 * and id of the last row, so deep pages cost the same as the first), read behind the
	 * tenant wall.
	 */
	ClientPage page(OrganizationId providerId, @Nullable AccountId onlyCreatedBy, ClientQuery query) {
		Planning planning = planning(onlyCreatedBy, query);
		if (planning == Planning.GENERIC_INDEX_SCANS) {
			List<Object> params = new ArrayList<>();
			String sql = boundedNameSearchSql(PAGE_COLUMNS, providerId, query, params::add);
			List<Counted> rows = tenantScope.enterAndQuery(providerId, planning, sql, params,
					(rs, n) -> new Counted(pageRow(rs, n), rs.getLong(23)));
			if (rows.isEmpty() || rows.getFirst().matched() <= NAME_RANGE_BOUND) {
				return toPage(rows.stream().map(Counted::row).toList(), query);
			}
			// more names than the bound: planned for the prefix, as other searches are
			planning = Planning.RESTORED;
		}
		List<Object> params = new ArrayList<>();
		String sql = pageSql(PAGE_COLUMNS, providerId, onlyCreatedBy, query, params::add);
		return toPage(tenantScope.enterAndQuery(providerId, planning, sql, params, ClientRepository::pageRow), query);
	}

	/**
	 * A row of a bounded name search, with the number of names it found up to the bound.
	 */
	private record Counted(PageRow row, long matched) {
	}

	/**
	 * How PostgreSQL plans a page. A keyset page of the whole list walks its sort index
	 * from the cursor whatever the cursor, and a name search of several words first reads
	 * through {@link #boundedNameSearchSql}, whose plan suits every prefix: both are
	 * planned once. Other searches and filters are planned for their values (a one-letter
	 * prefix and a long one need different plans), and so is a coach's own list: for a
	 * coach who added ten of 100,000 clients the index of who created them is the way,
	 * for one who added most of them the walk.
	 */
	static Planning planning(@Nullable AccountId onlyCreatedBy, ClientQuery query) {
		if (boundedNameSearch(onlyCreatedBy, query)) {
			return Planning.GENERIC_INDEX_SCANS;
		}
		return onlyCreatedBy == null && query.after() != null && query.search() == null && query.tag() == null
				&& query.kind() == null && query.status() == null ? Planning.GENERIC : Planning.DEFAULT;
	}

	/**
	 * Up to this many names of a prefix are read through the prefix index and sorted
	 * newest first in a statement planned once; a prefix with more is searched again with
	 * a plan made for it.
	 */
	static final int NAME_RANGE_BOUND = 5000;

	/**
	 * Whether a name search first reads through {@link #boundedNameSearchSql}: searches
	 * of several words (a space in them: one word of three letters or more also matches
	 * emails, and one or two letters match too many names), newest first, by an admin,
	 * without other filters. PostgreSQL otherwise planned each search for its prefix,
	 * which took longer than running it.
	 */
	static boolean boundedNameSearch(@Nullable AccountId onlyCreatedBy, ClientQuery query) {
		return query.search() != null && query.search().length() >= 3 && !query.matchesEmails()
				&& query.sort() == ClientQuery.Sort.RECENT && onlyCreatedBy == null && query.tag() == null
				&& query.kind() == null && query.status() == null;
	}

	/**
	 * Whether every condition of the query may run ahead of row-level security.
	 * PostgreSQL evaluates conditions with functions that are not leakproof ({@code LIKE}
	 * on emails, array containment for tags) only after the tenant policy, that is as a
	 * filter over every row of the organization instead of through their indexes. Names
	 * are compared through the stored {@code name_key}, whose comparisons are leakproof.
	 */
	static boolean leakproof(ClientQuery query) {
		return query.tag() == null && (query.search() == null || !query.matchesEmails());
	}

	/**
	 * The ids of one page, found with the explicit tenant filter (outside the row-level
	 * security wall, where searches use their indexes); read them with
	 * {@link #pageOf(List, ClientQuery)}.
	 */
	List<UUID> pageIds(OrganizationId providerId, @Nullable AccountId onlyCreatedBy, ClientQuery query) {
		Planning planning = Planning.DEFAULT;
		if (boundedEmailSearch(onlyCreatedBy, query)) {
			List<Object> params = new ArrayList<>();
			String sql = boundedSearchSql("id, created_at", providerId, query, params::add);
			List<CountedId> rows = tenantScope.queryOutside(Planning.GENERIC, sql, params,
					(rs, n) -> new CountedId(rs.getObject(1, UUID.class), rs.getLong(3)));
			if (rows.isEmpty() || rows.getFirst().matched() <= NAME_RANGE_BOUND) {
				return rows.stream().map(CountedId::id).toList();
			}
			// more matches than the bound: planned for the fragment
			planning = Planning.RESTORED;
		}
		List<Object> params = new ArrayList<>();
		String sql = pageSql("id", providerId, onlyCreatedBy, query, params::add);
		return tenantScope.queryOutside(planning, sql, params, (rs, n) -> rs.getObject(1, UUID.class));
	}

	/** An id of a bounded search, with the number of matches it found up to the bound. */
	private record CountedId(UUID id, long matched) {
	}

	/**
	 * Whether an email search first reads through {@link #boundedSearchSql}, planned
	 * once: newest first, by an admin, without other filters. Planned for each fragment,
	 * it took PostgreSQL about 0.3 ms to plan and 0.3 ms to run; the generic plan of the
	 * bounded read is the same bitmap read of the name and email indexes. A fragment
	 * found in more than {@link #NAME_RANGE_BOUND} clients is read again with a plan made
	 * for it. A fragment that names a domain (a dot, or text after the {@code @}) is
	 * planned at once: a client company's domain matches all its employees, and the
	 * bitmap of 100,000 matches took 50 ms before the planned read's 31 ms.
	 */
	static boolean boundedEmailSearch(@Nullable AccountId onlyCreatedBy, ClientQuery query) {
		return query.matchesEmails() && !namesADomain(query.search()) && query.sort() == ClientQuery.Sort.RECENT
				&& onlyCreatedBy == null && query.tag() == null && query.kind() == null && query.status() == null;
	}

	static boolean namesADomain(@Nullable String fragment) {
		if (fragment == null) {
			return false;
		}
		int at = fragment.indexOf('@');
		return fragment.indexOf('.') >= 0 || (at >= 0 && at < fragment.length() - 1);
	}

	/** The page made of these ids, in the query's order, read behind the tenant wall. */
	ClientPage pageOf(OrganizationId providerId, List<UUID> ids, ClientQuery query) {
		if (ids.isEmpty()) {
			return new ClientPage(List.of(), null);
		}
		List<PageRow> rows = tenantScope.enterAndQuery(providerId,
				"select " + PAGE_COLUMNS + " from client_record where id = any(?) order by " + order(query),
				List.of((Object) ids.toArray(UUID[]::new)), ClientRepository::pageRow);
		return toPage(rows, query);
	}

	/**
	 * A row of a page with its stored name key: the cursor of the name-sorted list must
	 * hold the database's lowercase form, which Java's differs from for some letters (to
	 * PostgreSQL {@code İ} lowercases to {@code i}, to Java to {@code i} and a combining
	 * dot), or the next page would skip names.
	 */
	private record PageRow(ClientRecord record, String nameKey) {
	}

	private static PageRow pageRow(ResultSet rs, int row) throws SQLException {
		return new PageRow(map(rs, row), rs.getString(22));
	}

	private static ClientPage toPage(List<PageRow> rows, ClientQuery query) {
		List<ClientRecord> records = rows.stream().limit(query.size()).map(PageRow::record).toList();
		if (rows.size() <= query.size()) {
			return new ClientPage(records, null);
		}
		PageRow last = rows.get(query.size() - 1);
		String key = query.sort() == ClientQuery.Sort.NAME ? last.nameKey() : last.record().createdAt().toString();
		return new ClientPage(records, new Cursor(key, last.record().id().value()).encode());
	}

	private static String order(ClientQuery query) {
		return query.sort() == ClientQuery.Sort.NAME ? "name_key, id" : "created_at desc, id desc";
	}

	/**
	 * Names starting with the prefix, as the range of the prefix index they fill: unlike
	 * {@code LIKE}, the range's comparisons are leakproof, so the search runs behind the
	 * tenant wall through the index.
	 */
	private static String namePrefix(String prefix, Consumer<Object> params) {
		params.accept(prefix);
		String end = prefixEnd(prefix);
		if (end == null) {
			params.accept(prefix);
			return "(name_key ~>=~ ? and starts_with(name_key, ?))";
		}
		params.accept(end);
		return "(name_key ~>=~ ? and name_key ~<~ ?)";
	}

	/**
	 * The least string above every string that starts with the prefix, in the byte order
	 * of the {@code text_pattern_ops} index (for UTF-8, the order of code points): the
	 * prefix with its last code point raised by one. Null when there is none (a prefix of
	 * only U+10FFFF).
	 */
	static @Nullable String prefixEnd(String prefix) {
		int[] points = prefix.codePoints().toArray();
		for (int i = points.length - 1; i >= 0; i--) {
			int next = points[i] + 1;
			if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
				next = Character.MAX_SURROGATE + 1;
			}
			if (next <= Character.MAX_CODE_POINT) {
				points[i] = next;
				return new String(points, 0, i + 1);
			}
		}
		return null;
	}

	/**
	 * The SQL of one page selecting {@code columns} and, through {@code params}, its
	 * parameters (also used to check query plans).
	 */
	static String pageSql(String columns, OrganizationId providerId, @Nullable AccountId onlyCreatedBy,
			ClientQuery query, Consumer<Object> params) {
		StringBuilder sql = new StringBuilder("select " + columns + " from client_record where provider_id = ?");
		params.accept(providerId.value());
		sql.append(query.archived() ? " and archived_at is not null" : " and archived_at is null");
		if (onlyCreatedBy != null) {
			sql.append(" and created_by = ?");
			params.accept(onlyCreatedBy.value());
		}
		if (query.kind() != null) {
			sql.append(" and kind = ?");
			params.accept(query.kind().name());
		}
		if (query.status() != null) {
			sql.append(" and status = ?");
			params.accept(query.status().name());
		}
		if (query.tag() != null) {
			sql.append(" and tags @> array[?]::text[]");
			params.accept(query.tag());
		}
		if (query.search() != null) {
			if (query.matchesEmails()) {
				sql.append(" and (").append(namePrefix(query.search(), params)).append(" or email like ?)");
				params.accept("%" + escapeLike(query.search()) + "%");
			}
			else {
				sql.append(" and ").append(namePrefix(query.search(), params));
			}
		}
		Cursor cursor = Cursor.decode(query.after());
		if (query.sort() == ClientQuery.Sort.NAME) {
			if (cursor != null) {
				sql.append(" and (name_key, id) > (?, ?)");
				params.accept(cursor.key());
				params.accept(cursor.id());
			}
		}
		else {
			newestFirstAfter(cursor, sql, params);
		}
		// a literal limit (the size is a clamped int): with a parameter, PostgreSQL's
		// generic plan looked costlier than a custom one, so it planned each request
		// anew, which took longer than running the query
		sql.append(" order by ").append(order(query)).append(" limit ").append(query.size() + 1);
		return sql.toString();
	}

	/**
	 * A page of a name search with the number of the prefix's names it found, up to one
	 * past {@link #NAME_RANGE_BOUND}, as its last column: the names are read through the
	 * prefix index in index order, so the read stops at the bound, and only they are
	 * sorted. When it found more than the bound, the page may miss newer names past it.
	 */
	static String boundedNameSearchSql(String columns, OrganizationId providerId, ClientQuery query,
			Consumer<Object> params) {
		return boundedSearchSql(columns, providerId, query, params);
	}

	/**
	 * {@link #boundedNameSearchSql}, and for a search that also matches emails the names
	 * or emails that match, up to the bound.
	 */
	static String boundedSearchSql(String columns, OrganizationId providerId, ClientQuery query,
			Consumer<Object> params) {
		StringBuilder sql = new StringBuilder("select *, count(*) over () from (select ").append(columns)
			.append(" from client_record where provider_id = ?")
			.append(query.archived() ? " and archived_at is not null" : " and archived_at is null")
			.append(" and ");
		params.accept(providerId.value());
		if (query.matchesEmails()) {
			sql.append("(").append(namePrefix(query.search(), params)).append(" or email like ?)");
			params.accept("%" + escapeLike(query.search()) + "%");
		}
		else {
			sql.append(namePrefix(query.search(), params));
		}
		newestFirstAfter(Cursor.decode(query.after()), sql, params);
		return sql.append(" limit ")
			.append(NAME_RANGE_BOUND + 1)
			.append(") matches order by created_at desc, id desc limit ")
			.append(query.size() + 1)
			.toString();
	}

	private static void newestFirstAfter(@Nullable Cursor cursor, StringBuilder sql, Consumer<Object> params) {
		if (cursor != null) {
			sql.append(" and (created_at, id) < (?::timestamptz, ?)");
			params.accept(cursor.key());
			params.accept(cursor.id());
		}
	}

	List<String> tags(OrganizationId providerId) {
		return jdbc.sql("""
				select tag from client_tag where provider_id = ? order by tag limit 200""")
			.param(providerId.value())
			.query(String.class)
			.list();
	}

	void update(ClientRecord record) {
		jdbc.sql("""
				update client_record set display_name = ?, first_name = ?, last_name = ?, phone = ?, time_zone = ?,
				    website = ?, address = ?, contact_name = ?, tags = ?, private_notes = ?
				where id = ? and provider_id = ?""")
			.params(record.displayName(), record.firstName(), record.lastName(), record.phone(), record.timeZone(),
					record.website(), record.address(), record.contactName(), record.tags().toArray(String[]::new),
					record.privateNotes(), record.id().value(), record.providerId().value())
			.update();
	}

	void updateEmail(ClientId id, OrganizationId providerId, String email) {
		jdbc.sql("update client_record set email = ? where id = ? and provider_id = ?")
			.params(email, id.value(), providerId.value())
			.update();
	}

	boolean markInvited(ClientId id, OrganizationId providerId) {
		return jdbc.sql("""
				update client_record set status = 'INVITED', last_invited_at = now()
				where id = ? and provider_id = ? and status in ('INTERNAL', 'INVITED')""")
			.params(id.value(), providerId.value())
			.update() == 1;
	}

	void touchInvited(ClientId id) {
		jdbc.sql("update client_record set last_invited_at = now() where id = ?").param(id.value()).update();
	}

	void markInternal(ClientId id) {
		jdbc.sql("update client_record set status = 'INTERNAL' where id = ? and status = 'INVITED'")
			.param(id.value())
			.update();
	}

	/**
	 * Transfers ownership; only an invited record can be transferred, so a repeated event
	 * has no effect.
	 */
	boolean transferOwnership(OrganizationId providerId, ClientId id, AccountId owner,
			@Nullable OrganizationId ownerOrganization) {
		// one statement: the record's update (a HOT update, V18) and the row that finds
		// it by its owner
		return jdbc.sql("""
				with moved as (
				    update client_record set status = 'OWNED', owner_account_id = ?, owner_organization_id = ?
				    where id = ? and provider_id = ? and status <> 'OWNED'
				    returning id, owner_account_id)
				insert into client_ownership (owner_account_id, client_id) select owner_account_id, id from moved""")
			.params(owner.value(), ownerOrganization == null ? null : ownerOrganization.value(), id.value(),
					providerId.value())
			.update() == 1;
	}

	void setArchived(ClientId id, OrganizationId providerId, boolean archived) {
		jdbc.sql("update client_record set archived_at = " + (archived ? "coalesce(archived_at, now())" : "null")
				+ " where id = ? and provider_id = ?")
			.params(id.value(), providerId.value())
			.update();
	}

	void updateOwnDetails(ClientId id, AccountId owner, String firstName, String lastName, @Nullable String phone,
			@Nullable String timeZone) {
		int updated = jdbc.sql("""
				update client_record set first_name = ?, last_name = ?, display_name = ?, phone = ?, time_zone = ?
				where id = ? and owner_account_id = ? and kind = 'INDIVIDUAL'""")
			.params(firstName, lastName, firstName + " " + lastName, phone, timeZone, id.value(), owner.value())
			.update();
		if (updated == 0) {
			throw Problem.notFound("No such client record.");
		}
	}

	void connect(OrganizationId providerId, OrganizationId companyId, ClientId record) {
		jdbc.sql("""
				insert into company_connection (provider_id, company_id, client_record_id) values (?, ?, ?)
				on conflict do nothing""").params(providerId.value(), companyId.value(), record.value()).update();
	}

	boolean isConnected(OrganizationId providerId, ClientId record) {
		return jdbc
			.sql("select exists(select 1 from company_connection where provider_id = ? and client_record_id = ?)")
			.params(providerId.value(), record.value())
			.query(Boolean.class)
			.single();
	}

	private static String escapeLike(String value) {
		return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/**
	 * A row of {@link #COLUMNS}, read by position: looking each column up by name cost a
	 * tenth of a Clients page request.
	 */
	static ClientRecord map(ResultSet rs, int row) throws SQLException {
		Array tags = rs.getArray(14);
		UUID owner = rs.getObject(16, UUID.class);
		UUID ownerOrganization = rs.getObject(17, UUID.class);
		return new ClientRecord(new ClientId(rs.getObject(1, UUID.class)),
				new OrganizationId(rs.getObject(2, UUID.class)), ClientKind.valueOf(rs.getString(3)),
				ClientStatus.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
				rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
				rs.getString(13), tags == null ? List.of() : Arrays.asList((String[]) tags.getArray()),
				rs.getString(15), owner == null ? null : new AccountId(owner),
				ownerOrganization == null ? null : new OrganizationId(ownerOrganization),
				new AccountId(rs.getObject(18, UUID.class)), rs.getTimestamp(19).toInstant(),
				instant(rs.getTimestamp(20)), instant(rs.getTimestamp(21)));
	}

	private static @Nullable Instant instant(@Nullable Timestamp value) {
		return value == null ? null : value.toInstant();
	}

	record Cursor(String key, UUID id) {

		String encode() {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString((key + "\n" + id).getBytes(StandardCharsets.UTF_8));
		}

		static @Nullable Cursor decode(@Nullable String value) {
			if (value == null || value.isBlank()) {
				return null;
			}
			try {
				String decoded = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
				int split = decoded.lastIndexOf('\n');
				return new Cursor(decoded.substring(0, split), UUID.fromString(decoded.substring(split + 1)));
			}
			catch (IllegalArgumentException | StringIndexOutOfBoundsException ex) {
				throw Problem.invalid("The page cursor is not valid. Start again from the first page.");
			}
		}

	}

}
