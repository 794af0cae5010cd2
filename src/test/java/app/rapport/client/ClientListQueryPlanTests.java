package app.rapport.client;

import java.util.List;

import app.rapport.Providers;
import app.rapport.Providers.Provider;
import app.rapport.TestDatabases;
import app.rapport.shared.AccountId;
import app.rapport.shared.TenantScope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With 100,000 clients in one organization, the list, deep keyset pages and both searches
 * are answered from indexes: no sequential scan of the organization's clients, no OFFSET.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientListQueryPlanTests {

	static final int CLIENTS = 100_000;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabases.isolate(registry, "rapport_client_plans");
	}

	@Autowired
	Providers providers;

	@Autowired
	ClientRepository clients;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TenantScope tenantScope;

	@Autowired
	TransactionTemplate transactions;

	Provider provider;

	@BeforeAll
	void seedOneHundredThousandClients() {
		provider = providers.provider("Big Coaching");
		Provider neighbour = providers.provider("Neighbour Coaching");
		for (Provider p : List.of(provider, neighbour)) {
			jdbc.sql(
					"""
							insert into client_record (id, provider_id, kind, status, display_name, first_name, last_name, email,
							                           tags, created_by, created_at)
							select gen_random_uuid(), ?, 'INDIVIDUAL', 'INTERNAL', 'Client ' || n || ' Person', 'Client ' || n,
							       'Person', 'client' || n || '@' || ? || '.example', array['tag' || (n % 20)], ?,
							       now() - n * interval '1 second'
							from generate_series(1, ?) n""")
				.params(p.id().value(), p.id().toString().substring(0, 8), p.owner().value(), CLIENTS)
				.update();
		}
		jdbc.sql("analyze client_record").update();
	}

	/**
	 * The plan of the statement that finds a page's rows, run as the application runs it:
	 * behind the row-level-security wall when all its conditions are leakproof, with the
	 * explicit tenant filter otherwise.
	 */
	private String plan(ClientQuery query) {
		List<Object> params = new java.util.ArrayList<>();
		boolean leakproof = ClientRepository.leakproof(query);
		String sql = ClientRepository.pageSql(leakproof ? "*" : "id", provider.id(), null, query, params::add);
		return transactions.execute(status -> {
			if (leakproof) {
				tenantScope.enter(provider.id());
			}
			return String.join("\n",
					jdbc.sql("explain (analyze, costs off) " + sql).params(params).query(String.class).list());
		});
	}

	@Test
	void searchesUseTheirIndexesAndReadRowsBehindTheWall() {
		assertThat(plan(new ClientQuery("client 4242", null, null, null, ClientQuery.Sort.RECENT, false, null, 50)))
			.contains("client_record_name_prefix")
			.doesNotContain("Seq Scan");
		assertThat(plan(new ClientQuery("4242@", null, null, null, ClientQuery.Sort.RECENT, false, null, 50)))
			.contains("client_record_name_prefix", "client_record_email_search")
			.doesNotContain("Seq Scan");
		String firstPage = plan(new ClientQuery(null, null, null, null, ClientQuery.Sort.RECENT, false, null, 50));
		assertThat(firstPage).as(firstPage).contains("client_record_recent").doesNotContain("Rows Removed by Filter");
		ClientPage found = readOnly(() -> clients.page(provider.id(), null,
				new ClientQuery("client 4242", null, null, null, ClientQuery.Sort.RECENT, false, null, 50)));
		assertThat(found.clients()).extracting(ClientRecord::displayName)
			.startsWith("Client 4242 Person")
			.allSatisfy(name -> assertThat(name).startsWith("Client 4242"));
	}

	/** The repository reads pages behind the tenant wall, which needs a transaction. */
	<T> T readOnly(java.util.function.Supplier<T> read) {
		return transactions.execute(status -> read.get());
	}

	@Test
	void everyListQueryIsAnsweredFromAnIndex() {
		ClientPage first = readOnly(() -> clients.page(provider.id(), null,
				new ClientQuery(null, null, null, null, ClientQuery.Sort.RECENT, false, null, 50)));
		ClientPage byName = readOnly(() -> clients.page(provider.id(), null,
				new ClientQuery(null, null, null, null, ClientQuery.Sort.NAME, false, null, 50)));
		List<ClientQuery> queries = List.of(
				new ClientQuery(null, null, null, null, ClientQuery.Sort.RECENT, false, null, 50),
				new ClientQuery(null, null, null, null, ClientQuery.Sort.RECENT, false, first.next(), 50),
				new ClientQuery(null, null, null, null, ClientQuery.Sort.NAME, false, byName.next(), 50),
				new ClientQuery("client 4242", null, null, null, ClientQuery.Sort.RECENT, false, null, 50),
				new ClientQuery("4242@", null, null, null, ClientQuery.Sort.RECENT, false, null, 50));
		for (ClientQuery query : queries) {
			String plan = plan(query);
			assertThat(plan).as(plan).doesNotContain("Seq Scan").doesNotContainIgnoringCase("offset");
		}
	}

	/**
	 * PostgreSQL plans a prepared statement once for all its executions only when that
	 * generic plan looks no costlier than one made for the values at hand; with the page
	 * size as a parameter it never did, and planning each request took longer than
	 * running the query.
	 */
	@Test
	void theFirstPageIsPlannedOnceNotOnEveryRequest() {
		ClientQuery query = new ClientQuery(null, null, null, null, ClientQuery.Sort.RECENT, false, null, 50);
		List<java.util.Map<String, Object>> plans = transactions.execute(status -> {
			for (int i = 0; i < 15; i++) {
				assertThat(clients.page(provider.id(), null, query).clients()).hasSize(50);
			}
			return jdbc
				.sql("""
						select generic_plans, custom_plans from pg_prepared_statements
						where statement like '%from client_record where provider_id = $1 and archived_at is null order by%'""")
				.query()
				.listOfRows();
		});
		assertThat(plans).as("the statement is prepared on the server").hasSize(1);
		assertThat((Long) plans.getFirst().get("generic_plans")).as(plans.toString()).isGreaterThanOrEqualTo(5);
	}

	/**
	 * A keyset page's generic plan looked a little costlier to PostgreSQL than a custom
	 * one (it guesses a third of the rows lie past the cursor), so each deep page was
	 * planned anew for its cursor; it is the same index walk whatever the cursor.
	 */
	@Test
	void deepPagesUseOneGenericPlanWhateverTheirCursor() {
		ClientQuery first = new ClientQuery(null, null, null, null, ClientQuery.Sort.RECENT, false, null, 50);
		List<java.util.Map<String, Object>> plans = transactions.execute(status -> {
			String after = clients.page(provider.id(), null, first).next();
			for (int i = 0; i < 15; i++) {
				ClientPage page = clients.page(provider.id(), null,
						new ClientQuery(null, null, null, null, ClientQuery.Sort.RECENT, false, after, 50));
				assertThat(page.clients()).hasSize(50);
				after = page.next();
			}
			return jdbc
				.sql("""
						select generic_plans, custom_plans from pg_prepared_statements
						where statement like '%name_key from client_record where provider_id = $1 and archived_at is null and (created_at, id) <%limit 51'""")
				.query()
				.listOfRows();
		});
		assertThat(plans).as("the statement is prepared on the server").hasSize(1);
		assertThat((Long) plans.getFirst().get("custom_plans")).as(plans.toString()).isZero();
		assertThat((Long) plans.getFirst().get("generic_plans")).as(plans.toString()).isGreaterThanOrEqualTo(5);
	}

	@Test
	void pagesOfTheWholeListAndSearchesOfSeveralWordsArePlannedOnce() {
		assertThat(ClientRepository.planning(null,
				new ClientQuery(null, null, null, null, ClientQuery.Sort.NAME, false, "cursor", 50)))
			.isEqualTo(TenantScope.Planning.GENERIC);
		assertThat(ClientRepository.planning(null,
				new ClientQuery(null, null, null, null, ClientQuery.Sort.RECENT, false, null, 50)))
			.as("the first page's statement has no parameter but the organization")
			.isEqualTo(TenantScope.Planning.DEFAULT);
		assertThat(ClientRepository.planning(new AccountId(java.util.UUID.randomUUID()),
				new ClientQuery(null, null, null, null, ClientQuery.Sort.RECENT, false, "cursor", 50)))
			.as("a coach's own clients")
			.isEqualTo(TenantScope.Planning.DEFAULT);
		assertThat(ClientRepository.planning(null,
				new ClientQuery("client 7", null, null, null, ClientQuery.Sort.RECENT, false, "cursor", 50)))
			.isEqualTo(TenantScope.Planning.GENERIC_INDEX_SCANS);
		assertThat(ClientRepository.planning(null,
				new ClientQuery("cl", null, null, null, ClientQuery.Sort.RECENT, false, null, 50)))
			.as("one or two letters")
			.isEqualTo(TenantScope.Planning.DEFAULT);
		assertThat(ClientRepository.planning(null,
				new ClientQuery("client", null, null, null, ClientQuery.Sort.RECENT, false, null, 50)))
			.as("one word, which may be an email fragment")
			.isEqualTo(TenantScope.Planning.DEFAULT);
		assertThat(ClientRepository.planning(null,
				new ClientQuery("client 7", null, null, null, ClientQuery.Sort.NAME, false, null, 50)))
			.as("names A to Z")
			.isEqualTo(TenantScope.Planning.DEFAULT);
		assertThat(ClientRepository.planning(new AccountId(java.util.UUID.randomUUID()),
				new ClientQuery("client 7", null, null, null, ClientQuery.Sort.RECENT, false, null, 50)))
			.as("a coach's own clients")
			.isEqualTo(TenantScope.Planning.DEFAULT);
		assertThat(ClientRepository.planning(null,
				new ClientQuery(null, null, null, "vip", ClientQuery.Sort.RECENT, false, "cursor", 50)))
			.isEqualTo(TenantScope.Planning.DEFAULT);
		assertThat(ClientRepository.planning(null,
				new ClientQuery(null, ClientKind.COMPANY, null, null, ClientQuery.Sort.RECENT, false, "cursor", 50)))
			.isEqualTo(TenantScope.Planning.DEFAULT);
		assertThat(ClientRepository.planning(null,
				new ClientQuery(null, null, ClientStatus.INVITED, null, ClientQuery.Sort.RECENT, false, "cursor", 50)))
			.isEqualTo(TenantScope.Planning.DEFAULT);
	}

	/**
	 * A search of several words reads through one statement planned once; every page of
	 * it holds what the statement planned for each prefix found (read here as the clients
	 * the owner added, which are all of them, through that other statement). "client 999"
	 * has 111 names, "client 99" 1,111 (both read through the prefix index) and "client
	 * 9" 11,111 (more than the bound: the list is walked).
	 */
	@Test
	void searchesOfSeveralWordsFindWhatThePrefixPlannedForItFinds() {
		for (String prefix : List.of("client 999", "client 99", "client 9", "client 4242 person", "nobody here")) {
			String after = null;
			for (int page = 0; page < 3; page++) {
				ClientQuery query = new ClientQuery(prefix, null, null, null, ClientQuery.Sort.RECENT, false, after,
						50);
				assertThat(ClientRepository.planning(null, query)).isEqualTo(TenantScope.Planning.GENERIC_INDEX_SCANS);
				ClientPage bounded = readOnly(() -> clients.page(provider.id(), null, query));
				ClientPage planned = readOnly(() -> clients.page(provider.id(), provider.owner(), query));
				assertThat(bounded.clients()).as(prefix + ", page " + page)
					.extracting(ClientRecord::id)
					.containsExactlyElementsOf(planned.clients().stream().map(ClientRecord::id).toList());
				assertThat(bounded.next()).isEqualTo(planned.next());
				assertThat(bounded.clients())
					.allSatisfy(c -> assertThat(c.displayName().toLowerCase(java.util.Locale.ROOT)).startsWith(prefix));
				after = bounded.next();
				if (after == null) {
					break;
				}
			}
		}
	}

	/**
	 * The generic plan of a search of several words reads at most the bound through the
	 * prefix index, never through a bitmap of the whole prefix; a prefix with more names
	 * is searched again with the database's own planning.
	 */
	@Test
	void aSearchOfSeveralWordsReadsAtMostTheBoundThroughTheIndex() {
		String narrow = genericPlan("client 999");
		assertThat(narrow).as(narrow)
			.contains("Index Scan using client_record_name_prefix")
			.contains("rows=111")
			.doesNotContain("Bitmap")
			.doesNotContain("Seq Scan");
		String broad = genericPlan("client 9");
		assertThat(broad).as(broad)
			.contains("Index Scan using client_record_name_prefix")
			.contains("rows=" + (ClientRepository.NAME_RANGE_BOUND + 1))
			.doesNotContain("Bitmap")
			.doesNotContain("Seq Scan");
		List<java.util.Map<String, Object>> plans = transactions.execute(status -> {
			for (String prefix : List.of("client 1", "client 12", "client 123", "client 1234", "client 5", "client 55",
					"client 555", "client 5555", "client 7", "client 77", "client 777", "client 7777")) {
				clients.page(provider.id(), null,
						new ClientQuery(prefix, null, null, null, ClientQuery.Sort.RECENT, false, null, 50));
			}
			return jdbc.sql("""
					select generic_plans, custom_plans from pg_prepared_statements
					where statement like '%count(*) over ()%'""").query().listOfRows();
		});
		// pgjdbc prepares the statement once after the scope and once alone
		assertThat(plans).as("the statement is prepared on the server").isNotEmpty();
		assertThat(plans).as(plans.toString()).allSatisfy(p -> assertThat((Long) p.get("custom_plans")).isZero());
		assertThat(plans.stream().mapToLong(p -> (Long) p.get("generic_plans")).sum()).as(plans.toString())
			.isGreaterThanOrEqualTo(5);
		List<String> settings = transactions.execute(status -> {
			clients.page(provider.id(), null,
					new ClientQuery("client 9", null, null, null, ClientQuery.Sort.RECENT, false, null, 50));
			return jdbc.sql("select current_setting('plan_cache_mode') || ' ' || current_setting('enable_bitmapscan')")
				.query(String.class)
				.list();
		});
		assertThat(settings).as("after the search again with a plan for the prefix").containsExactly("auto on");
	}

	/** The plan PostgreSQL caches for the search statement, run with this prefix. */
	private String genericPlan(String prefix) {
		ClientQuery query = new ClientQuery(prefix, null, null, null, ClientQuery.Sort.RECENT, false, null, 50);
		List<Object> params = new java.util.ArrayList<>();
		String sql = ClientRepository.boundedNameSearchSql("*", provider.id(), query, params::add);
		int[] n = { 0 };
		String numbered = java.util.regex.Pattern.compile("\\?").matcher(sql).replaceAll(m -> "\\$" + ++n[0]);
		String arguments = params.stream()
			.map(p -> "'" + p.toString().replace("'", "''") + "'")
			.collect(java.util.stream.Collectors.joining(", "));
		return transactions.execute(status -> {
			tenantScope.enterAndQuery(provider.id(), TenantScope.Planning.GENERIC_INDEX_SCANS, "select 1", List.of(),
					(rs, i) -> 1);
			jdbc.sql("prepare search_plan as " + numbered).update();
			try {
				return String.join("\n",
						jdbc.sql("explain (analyze, costs off) execute search_plan(" + arguments + ")")
							.query(String.class)
							.list());
			}
			finally {
				jdbc.sql("deallocate search_plan").update();
			}
		});
	}

	@Test
	void deepPagesFollowOnWithoutGapsOrRepeats() {
		ClientQuery query = new ClientQuery(null, null, null, null, ClientQuery.Sort.RECENT, false, null, 200);
		ClientPage page = readOnly(() -> clients.page(provider.id(), null, query));
		java.util.Set<ClientId> seen = new java.util.HashSet<>();
		int pages = 0;
		while (page.next() != null && pages < 20) {
			page.clients().forEach(c -> assertThat(seen.add(c.id())).isTrue());
			String next = page.next();
			page = readOnly(() -> clients.page(provider.id(), null,
					new ClientQuery(null, null, null, null, ClientQuery.Sort.RECENT, false, next, 200)));
			pages++;
		}
		assertThat(seen).hasSize(20 * 200);
		assertThat(page.clients()).allSatisfy(c -> assertThat(c.providerId()).isEqualTo(provider.id()));
	}

	/**
	 * Behind the wall, a condition on {@code lower(display_name)} was applied only after
	 * the tenant policy: the name-sorted page 45,000 names deep walked the 45,000 names
	 * before it (38 ms). The stored {@code name_key} is compared with leakproof
	 * operators.
	 */
	@Test
	void nameSortedPagesDeepInTheListReadOnlyTheirOwnRows() {
		String deep = new ClientRepository.Cursor("client 5000", new java.util.UUID(0, 0)).encode();
		ClientQuery query = new ClientQuery(null, null, null, null, ClientQuery.Sort.NAME, false, deep, 50);
		String plan = plan(query);
		assertThat(plan).as(plan).contains("client_record_by_name").doesNotContain("Rows Removed by Filter");
		List<String> expected = jdbc.sql("""
				select display_name from client_record where provider_id = ? and (lower(display_name), id) > (?, ?)
				order by lower(display_name), id limit 50""")
			.params(provider.id().value(), "client 5000", new java.util.UUID(0, 0))
			.query(String.class)
			.list();
		assertThat(readOnly(() -> clients.page(provider.id(), null, query)).clients())
			.extracting(ClientRecord::displayName)
			.hasSize(50)
			.isEqualTo(expected);
	}

	/**
	 * A name prefix is the range of the prefix index it fills, compared with leakproof
	 * operators: the search runs behind the wall in one statement. A narrow prefix looks
	 * the range up; a prefix every name shares walks the newest first instead of sorting
	 * them all.
	 */
	@Test
	void namePrefixSearchesRunBehindTheWallThroughTheirIndex() {
		ClientQuery narrow = new ClientQuery("client 4242", null, null, null, ClientQuery.Sort.RECENT, false, null, 50);
		assertThat(ClientRepository.leakproof(narrow)).isTrue();
		String plan = plan(narrow);
		assertThat(plan).as(plan)
			.contains("client_record_name_prefix", "One-Time Filter")
			.doesNotContain("Rows Removed by Filter");
		String wide = plan(new ClientQuery("c", null, null, null, ClientQuery.Sort.RECENT, false, null, 50));
		assertThat(wide).as(wide).contains("client_record_recent").doesNotContain("Sort");
	}

	/**
	 * The prefix range finds exactly the names that start with the prefix, whatever their
	 * characters: accents, characters LIKE treats as wildcards, scripts beyond Latin and
	 * characters outside the Basic Multilingual Plane.
	 */
	@Test
	void namePrefixRangeFindsExactlyTheNamesStartingWithIt() {
		Provider small = providers.provider("Unicode Coaching");
		List<String> names = List.of("Zoë Adams", "Zoe Baker", "ZOË Clark", "Zo_ Dash", "Zo% Eve", "Zp First",
				"Zoëa Grey", "Ångström Hall", "日本 太郎", "日本人 花子", "😀 Smile", "😁 Grin", "Zz Last");
		for (String name : names) {
			jdbc.sql("""
					insert into client_record (id, provider_id, kind, status, display_name, created_by)
					values (gen_random_uuid(), ?, 'INDIVIDUAL', 'INTERNAL', ?, ?)""")
				.params(small.id().value(), name, small.owner().value())
				.update();
		}
		for (String prefix : List.of("z", "zo", "zoë", "zo_", "zo%", "å", "日本", "日本人", "😀", "zz", "y")) {
			ClientPage page = readOnly(() -> clients.page(small.id(), null,
					new ClientQuery(prefix, null, null, null, ClientQuery.Sort.NAME, false, null, 50)));
			List<String> expected = jdbc.sql("""
					select display_name from client_record
					where provider_id = ? and starts_with(lower(display_name), ?) order by lower(display_name), id""")
				.params(small.id().value(), prefix)
				.query(String.class)
				.list();
			assertThat(page.clients()).as(prefix).extracting(ClientRecord::displayName).isEqualTo(expected);
		}
	}

	/**
	 * The name-sorted list's cursor holds the stored lowercase name: Java lowercases some
	 * letters differently from PostgreSQL ({@code İ}), and a cursor made in Java skipped
	 * the names between the two forms. Pages of one client, so that every name is a page
	 * boundary.
	 */
	@Test
	void nameSortedPagesFollowOnAcrossLettersJavaLowercasesDifferently() {
		Provider turkish = providers.provider("İstanbul Coaching");
		for (String name : List.of("İlker Aydın", "Ilma Yıldız", "ilka Demir", "İlkay Şahin", "Imre Kaya", "Ölçer Tan",
				"ẞtraße Groß", "ıshak Koç", "ISIL Ak")) {
			jdbc.sql("""
					insert into client_record (id, provider_id, kind, status, display_name, created_by)
					values (gen_random_uuid(), ?, 'INDIVIDUAL', 'INTERNAL', ?, ?)""")
				.params(turkish.id().value(), name, turkish.owner().value())
				.update();
		}
		List<String> expected = jdbc
			.sql("select display_name from client_record where provider_id = ? order by lower(display_name), id")
			.param(turkish.id().value())
			.query(String.class)
			.list();
		List<String> walked = new java.util.ArrayList<>();
		String after = null;
		do {
			String cursor = after;
			ClientPage page = readOnly(() -> clients.page(turkish.id(), null,
					new ClientQuery(null, null, null, null, ClientQuery.Sort.NAME, false, cursor, 1)));
			page.clients().forEach(c -> walked.add(c.displayName()));
			after = page.next();
		}
		while (after != null && walked.size() <= expected.size());
		assertThat(walked).hasSize(9).isEqualTo(expected);
	}

	@Test
	void prefixEndIsTheLeastStringAboveThePrefix() {
		assertThat(ClientRepository.prefixEnd("client 777")).isEqualTo("client 778");
		assertThat(ClientRepository.prefixEnd("zo\u00eb")).isEqualTo("zo\u00ec");
		assertThat(ClientRepository.prefixEnd("a\uD7FF")).as("past the surrogates").isEqualTo("a\uE000");
		assertThat(ClientRepository.prefixEnd("\uD83D\uDE00")).isEqualTo("\uD83D\uDE01");
		assertThat(ClientRepository.prefixEnd("a" + Character.toString(Character.MAX_CODE_POINT))).isEqualTo("b");
		assertThat(ClientRepository.prefixEnd(Character.toString(Character.MAX_CODE_POINT))).isNull();
	}

	/**
	 * An email search reads at most the bound of matches with a plan made once; a
	 * fragment with more matches (a domain) is searched again with a plan made for it,
	 * and both find what a plan made for the fragment finds.
	 */
	@Test
	void emailSearchesFindWhatAPlanMadeForTheFragmentFinds() {
		String domain = "@" + provider.id().toString().substring(0, 8) + ".example";
		for (String fragment : List.of("4242@", "client999", "client9", "nobody@")) {
			String after = null;
			for (int page = 0; page < 3; page++) {
				ClientQuery query = new ClientQuery(fragment, null, null, null, ClientQuery.Sort.RECENT, false, after,
						50);
				assertThat(ClientRepository.boundedEmailSearch(null, query)).isTrue();
				assertThat(ClientRepository.boundedEmailSearch(provider.owner(), query)).isFalse();
				List<java.util.UUID> bounded = readOnly(() -> clients.pageIds(provider.id(), null, query));
				// the owner created every client: the same rows, through the planned
				// statement
				List<java.util.UUID> planned = readOnly(() -> clients.pageIds(provider.id(), provider.owner(), query));
				assertThat(bounded).as(fragment + ", page " + page).containsExactlyElementsOf(planned);
				ClientPage read = readOnly(() -> clients.pageOf(provider.id(), bounded, query));
				assertThat(read.clients()).allSatisfy(c -> assertThat(c.email()).contains(fragment));
				after = read.next();
				if (after == null) {
					break;
				}
			}
		}
		List<java.util.Map<String, Object>> plans = transactions.execute(status -> {
			for (int i = 0; i < 8; i++) {
				clients.pageIds(provider.id(), null,
						new ClientQuery(i + "4242@", null, null, null, ClientQuery.Sort.RECENT, false, null, 50));
			}
			return jdbc.sql("""
					select generic_plans, custom_plans from pg_prepared_statements
					where statement like '%count(*) over ()%email like%'""").query().listOfRows();
		});
		assertThat(plans).as("the statement is prepared on the server").isNotEmpty();
		assertThat(plans).as(plans.toString()).allSatisfy(p -> assertThat((Long) p.get("custom_plans")).isZero());
		String settings = transactions.execute(status -> {
			// more than the bound: searched again with a plan for the fragment
			clients.pageIds(provider.id(), null,
					new ClientQuery("client9", null, null, null, ClientQuery.Sort.RECENT, false, null, 50));
			return jdbc.sql("select current_setting('plan_cache_mode')").query(String.class).single();
		});
		assertThat(settings).as("after the fragment again with a plan for it").isEqualTo("auto");
		// a domain matches a whole client company: planned for it at once, and found
		ClientQuery byDomain = new ClientQuery(domain, null, null, null, ClientQuery.Sort.RECENT, false, null, 50);
		assertThat(ClientRepository.boundedEmailSearch(null, byDomain)).isFalse();
		assertThat(readOnly(() -> clients.pageIds(provider.id(), null, byDomain))).hasSize(51);
		for (String fragment : List.of("acme.com", "ana@acme", "ana.lopez", "@acme")) {
			assertThat(ClientRepository.namesADomain(fragment)).as(fragment).isTrue();
		}
		for (String fragment : List.of("ana@", "lopez", "77777@")) {
			assertThat(ClientRepository.namesADomain(fragment)).as(fragment).isFalse();
		}
	}

	@Test
	void searchFindsByNamePrefixAndEmailFragmentWithinTheOrganizationOnly() {
		ClientPage byName = readOnly(() -> clients.page(provider.id(), null,
				new ClientQuery("Client 77777 ", null, null, null, ClientQuery.Sort.RECENT, false, null, 50)));
		ClientPage byEmail = readOnly(() -> clients.page(provider.id(), null,
				new ClientQuery("client77777@", null, null, null, ClientQuery.Sort.RECENT, false, null, 50)));

		assertThat(byName.clients()).extracting(ClientRecord::displayName).containsExactly("Client 77777 Person");
		assertThat(byEmail.clients()).hasSize(1).allSatisfy(c -> assertThat(c.providerId()).isEqualTo(provider.id()));
		assertThat(readOnly(() -> clients.page(provider.id(), new AccountId(java.util.UUID.randomUUID()),
				new ClientQuery(null, null, null, null, ClientQuery.Sort.RECENT, false, null, 50)))
			.clients()).as("a coach sees only the clients they created").isEmpty();
	}

	/**
	 * Every search through a GIN index reads the index's whole pending list; with the
	 * default limit (4 MB) an email fragment search took four times as long while clients
	 * were being added. Each GIN index of the schema bounds its list (V17).
	 */
	@Test
	void everyGinIndexBoundsItsPendingList() {
		List<String> gin = jdbc.sql("""
				select c.relname || ' ' || coalesce(array_to_string(c.reloptions, ','), '') from pg_class c
				join pg_am a on a.oid = c.relam join pg_namespace n on n.oid = c.relnamespace
				where a.amname = 'gin' and n.nspname = current_schema() order by c.relname""")
			.query(String.class)
			.list();
		assertThat(gin).containsExactly("client_record_email_search gin_pending_list_limit=256",
				"client_record_tags gin_pending_list_limit=256");
	}

}
