package app.rapport;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import app.rapport.Providers.Provider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fast CI guard against large performance regressions of three hot paths: single
 * invitations through the API, the commit of a CSV import and the Clients list with its
 * searches. Each scenario is timed against a ceiling measured in the same run on the same
 * machine: a trivial JSON endpoint ({@code /actuator/health/liveness}, without a token)
 * over the same kind of HTTP client at the same concurrency, or the same rows, or the
 * same first-page SQL, over plain JDBC. Both sides are the median of three repetitions
 * after a warm-up, and a scenario fails only when its ratio (application time / ceiling
 * time) grows beyond three times the ratio recorded in
 * {@code performance-guard.properties}, whose header says how to record them again. With
 * {@code -Drapport.guard.record=true} (or {@code RAPPORT_GUARD_RECORD=true} in the
 * environment) the measured ratios are printed as properties lines instead of checked.
 * <p>
 * A small variant of the full benchmark, {@code bench/run.sh} (figures in
 * {@code docs/benchmarks.md}), which measures throughput and latencies at 100,000
 * clients.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "rapport.invitations.max-per-organization-per-hour=1000000",
				"rapport.invitations.max-per-recipient-per-day=1000", "rapport.mail.dispatcher-enabled=false" })
class PerformanceGuardTests {

	static final int CONCURRENCY = 4;

	static final int REPETITIONS = 3;

	static final double TOLERANCE = 3;

	static final int INVITATIONS = 300;

	static final int IMPORT_ROWS = 2_000;

	static final int LISTED_CLIENTS = 5_000;

	static final int LIST_REQUESTS = 200;

	static final List<String> LIST_PATHS = List.of("/api/v1/clients?size=50", "/api/v1/clients?q=client%2077",
			"/api/v1/clients?q=777%40");

	static final String FIRST_PAGE = """
			select id, provider_id, kind, status, display_name, first_name, last_name, email, phone, time_zone, website,
			       address, contact_name, tags, private_notes, owner_account_id, owner_organization_id, created_by,
			       created_at, last_invited_at, archived_at
			from client_record where provider_id = ? and archived_at is null
			order by created_at desc, id desc limit 51""";

	/** Rows per multi-row insert of the import ceiling, as the import writes them. */
	static final int CHUNK = 1_000;

	private static final Pattern IMPORT_ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabases.isolate(registry, "rapport_performance_guard");
	}

	@Autowired
	Providers providers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	final ExecutorService workers = Executors.newFixedThreadPool(CONCURRENCY);

	@AfterEach
	void stopWorkers() {
		workers.close();
	}

	@Test
	void singleInvitationsStayWithinThreeTimesTheirRecordedRatio() throws Exception {
		Provider provider = providers.provider("Guard Invitations Coaching");
		RapportClient owner = providers.ownerApi(port, provider);
		RapportClient anonymous = new RapportClient(port);

		Ratio ratio = measure("invitations", () -> concurrently(INVITATIONS, () -> i -> {
			String email = Providers.uniqueEmail("guard-" + i);
			expect(owner.api("POST", "/api/v1/clients/individuals",
					"{\"invite\":true,\"clients\":[{\"firstName\":\"Ada\",\"lastName\":\"Guard\",\"email\":\"" + email
							+ "\"}]}"),
					201);
		}), () -> concurrently(INVITATIONS,
				() -> i -> expect(anonymous.api("GET", "/actuator/health/liveness", null), 200)));

		check(ratio);
	}

	@Test
	void csvImportCommitsStayWithinThreeTimesTheirRecordedRatio() throws Exception {
		Provider provider = providers.provider("Guard Import Coaching");
		Provider ceiling = providers.provider("Guard Import Ceiling Coaching");
		RapportClient owner = providers.ownerApi(port, provider);

		Ratio ratio = measure("import", () -> {
			String id = importId(expect(owner.send("POST", "/api/v1/clients/imports", "text/csv", csv()), 201));
			long start = System.nanoTime();
			HttpResponse<String> commit = owner.api("POST", "/api/v1/clients/imports/" + id + "/commit?invite=true",
					null);
			long elapsed = System.nanoTime() - start;
			assertThat(expect(commit, 200).body()).contains("\"imported\":" + IMPORT_ROWS);
			return elapsed;
		}, () -> writeImportedRows(ceiling));

		check(ratio);
	}

	@Test
	void clientListAndSearchesStayWithinThreeTimesTheirRecordedRatio() throws Exception {
		Provider provider = providers.provider("Guard List Coaching");
		jdbc.sql("""
				insert into client_record (id, provider_id, kind, status, display_name, first_name, last_name, email,
				                           tags, created_by, created_at)
				select gen_random_uuid(), ?, 'INDIVIDUAL', 'INTERNAL', 'Client ' || n || ' Person', 'Client ' || n,
				       'Person', 'client' || n || '@' || ? || '.example', array['tag' || (n % 20)], ?,
				       now() - n * interval '1 second'
				from generate_series(1, ?) n""")
			.params(provider.id().value(), provider.id().toString().substring(0, 8), provider.owner().value(),
					LISTED_CLIENTS)
			.update();
		jdbc.sql("analyze client_record").update();
		RapportClient owner = providers.ownerApi(port, provider);
		int requests = LIST_REQUESTS * LIST_PATHS.size();

		Ratio ratio = measure("list", () -> concurrently(requests, () -> i -> {
			HttpResponse<String> page = expect(owner.api("GET", LIST_PATHS.get(i % LIST_PATHS.size()), null), 200);
			assertThat(page.body()).contains("\"displayName\":\"Client ");
		}), () -> concurrently(requests, () -> new FirstPage(dataSource.getConnection(), provider.id().value())));

		check(ratio);
	}

	/**
	 * Times one repetition of a scenario side, in nanoseconds; untimed preparation may
	 * happen inside.
	 */
	@FunctionalInterface
	interface Repetition {

		long nanos() throws Exception;

	}

	/** One of the concurrent workers: runs the tasks it takes, by their index. */
	@FunctionalInterface
	interface Worker extends AutoCloseable {

		void run(int task) throws Exception;

		@Override
		default void close() throws Exception {
		}

	}

	/**
	 * The median times of the application and its ceiling: a warm-up of each, then
	 * repetitions taken in turns so that a slow moment of the machine hits both.
	 */
	private static Ratio measure(String name, Repetition application, Repetition ceiling) throws Exception {
		long applicationWarmUp = application.nanos();
		long ceilingWarmUp = ceiling.nanos();
		long[] applicationTimes = new long[REPETITIONS];
		long[] ceilingTimes = new long[REPETITIONS];
		for (int i = 0; i < REPETITIONS; i++) {
			applicationTimes[i] = application.nanos();
			ceilingTimes[i] = ceiling.nanos();
		}
		return new Ratio(name, median(applicationTimes), median(ceilingTimes), applicationWarmUp, applicationTimes,
				ceilingWarmUp, ceilingTimes);
	}

	/**
	 * Runs the tasks 0 to count - 1 on {@link #CONCURRENCY} workers, each taking the next
	 * task as soon as it is done with one (closed loop); the workers are made before and
	 * closed after the clock runs. Returns the time from the first task to the last; the
	 * first failure of a task ends the run and is thrown.
	 */
	private long concurrently(int count, Callable<Worker> workerFactory) throws Exception {
		List<Worker> loops = new ArrayList<>();
		try {
			for (int i = 0; i < CONCURRENCY; i++) {
				loops.add(workerFactory.call());
			}
			AtomicInteger next = new AtomicInteger();
			List<Callable<Void>> runs = loops.stream().<Callable<Void>>map(worker -> () -> {
				try {
					for (int task = next.getAndIncrement(); task < count; task = next.getAndIncrement()) {
						worker.run(task);
					}
					return null;
				}
				catch (Exception | Error ex) {
					// the other workers stop after their current task
					next.set(count);
					throw ex;
				}
			}).toList();
			long start = System.nanoTime();
			List<Future<Void>> done = workers.invokeAll(runs);
			long elapsed = System.nanoTime() - start;
			for (Future<Void> run : done) {
				try {
					run.get();
				}
				catch (ExecutionException ex) {
					if (ex.getCause() instanceof Error error) {
						throw error;
					}
					throw (Exception) ex.getCause();
				}
			}
			return elapsed;
		}
		finally {
			for (Worker worker : loops) {
				worker.close();
			}
		}
	}

	/** The list's first page over plain JDBC, on a connection of the worker's own. */
	private record FirstPage(Connection connection, UUID providerId) implements Worker {

		@Override
		public void run(int task) throws SQLException {
			try (PreparedStatement statement = connection.prepareStatement(FIRST_PAGE)) {
				statement.setObject(1, providerId);
				try (ResultSet rs = statement.executeQuery()) {
					int columns = rs.getMetaData().getColumnCount();
					int rows = 0;
					while (rs.next()) {
						for (int column = 1; column <= columns; column++) {
							rs.getObject(column);
						}
						rows++;
					}
					assertThat(rows).isEqualTo(51);
				}
			}
		}

		@Override
		public void close() throws SQLException {
			connection.close();
		}

	}

	/** A CSV file of new clients, with emails never used before. */
	private static String csv() {
		String batch = UUID.randomUUID().toString().substring(0, 8);
		StringBuilder csv = new StringBuilder("first name,last name,email\n");
		for (int i = 0; i < IMPORT_ROWS; i++) {
			csv.append("Ada,Import ").append(i).append(",import-").append(batch).append('-').append(i);
			csv.append("@example.com\n");
		}
		return csv.toString();
	}

	/**
	 * The ceiling of an import commit: the rows that committing {@link #IMPORT_ROWS}
	 * invited clients writes (client records, invitations, their events, emails and audit
	 * entries, with new emails) in multi-row inserts over plain JDBC, in one transaction
	 * of the ceiling's provider. The values are prepared before the clock runs.
	 */
	private long writeImportedRows(Provider provider) throws SQLException {
		String batch = UUID.randomUUID().toString().substring(0, 8);
		UUID organization = provider.id().value();
		UUID owner = provider.owner().value();
		Timestamp now = Timestamp.from(Instant.now());
		Timestamp expires = Timestamp.from(Instant.now().plus(Duration.ofDays(14)));
		Timestamp reminder = Timestamp.from(Instant.now().plus(Duration.ofDays(3)));
		List<Object[]> clients = new ArrayList<>(IMPORT_ROWS);
		List<Object[]> invitations = new ArrayList<>(IMPORT_ROWS);
		List<Object[]> events = new ArrayList<>(IMPORT_ROWS);
		List<Object[]> emails = new ArrayList<>(IMPORT_ROWS);
		List<Object[]> audit = new ArrayList<>(2 * IMPORT_ROWS + 1);
		for (int i = 0; i < IMPORT_ROWS; i++) {
			UUID client = UUID.randomUUID();
			UUID invitation = UUID.randomUUID();
			String email = "ceiling-" + batch + "-" + i + "@example.com";
			String token = UUID.randomUUID().toString().replace("-", "")
					+ UUID.randomUUID().toString().replace("-", "");
			clients.add(new Object[] { client, organization, "INVITED", "Ada Import " + i, "Ada", "Import " + i, email,
					null, new String[0], owner, now });
			invitations.add(new Object[] { invitation, organization, "INDIVIDUAL_CLIENT", client, email, "Ada", null,
					token, owner, expires, reminder });
			events.add(new Object[] { invitation, "SENT", owner, "Olivia Owner" });
			emails.add(new Object[] { UUID.randomUUID(), organization, email,
					"Olivia Owner invited you to join Guard Import Ceiling Coaching", "invitation/invitation",
					"{\"name\":\"Ada\",\"inviterName\":\"Olivia Owner\",\"organizationName\":\"Guard Import Ceiling Coaching\","
							+ "\"joinAs\":\"a client\",\"acceptUrl\":\"http://localhost:8080/join?token=" + token
							+ "\",\"expiresOn\":\"1 January 2030\",\"reminder\":false,\"branding\":{\"name\":"
							+ "\"Guard Import Ceiling Coaching\",\"logoUrl\":null,\"color\":\"#1f6f5c\"}}" });
			audit.add(new Object[] { organization, owner, provider.ownerEmail(), "CLIENT_CREATED", client.toString(),
					"INVITED (import)", "127.0.0.1" });
			audit.add(new Object[] { organization, owner, provider.ownerEmail(), "INVITATION_SENT", email,
					"INDIVIDUAL_CLIENT", "127.0.0.1" });
		}
		audit.add(new Object[] { organization, owner, provider.ownerEmail(), "CLIENTS_IMPORTED",
				UUID.randomUUID().toString(), IMPORT_ROWS + " invited", "127.0.0.1" });
		long start = System.nanoTime();
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try {
				insert(connection, """
						insert into client_record (id, provider_id, kind, status, display_name, first_name, last_name,
						                           email, phone, tags, created_by, last_invited_at) values """,
						"(?, ?, 'INDIVIDUAL', ?, ?, ?, ?, ?, ?, ?, ?, ?)", clients);
				insert(connection, """
						insert into invitation (id, organization_id, purpose, subject_id, email, name, role, token_hash,
						                        invited_by, expires_at, next_reminder_at) values """,
						"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", invitations);
				insert(connection, "insert into invitation_event (invitation_id, kind, actor_id, actor_name) values ",
						"(?, ?, ?, ?)", events);
				insert(connection,
						"insert into email_outbox (id, organization_id, recipient, subject, template, model) values ",
						"(?, ?, ?, ?, ?, ?::jsonb)", emails);
				insert(connection, """
						insert into audit_event (organization_id, actor_id, actor_email, action, target, details, ip)
						values """, "(?, ?, ?, ?, ?, ?, ?)", audit);
				connection.commit();
			}
			finally {
				connection.setAutoCommit(true);
			}
		}
		return System.nanoTime() - start;
	}

	/** Inserts the rows with multi-row statements of {@link #CHUNK} rows. */
	private static void insert(Connection connection, String head, String tuple, List<Object[]> rows)
			throws SQLException {
		for (int from = 0; from < rows.size(); from += CHUNK) {
			List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
			StringBuilder sql = new StringBuilder(head);
			for (int i = 0; i < chunk.size(); i++) {
				sql.append(i == 0 ? "" : ",").append(tuple);
			}
			try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
				int parameter = 1;
				for (Object[] row : chunk) {
					for (Object value : row) {
						statement.setObject(parameter++, value);
					}
				}
				assertThat(statement.executeUpdate()).isEqualTo(chunk.size());
			}
		}
	}

	private static HttpResponse<String> expect(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return response;
	}

	private static String importId(HttpResponse<String> preview) {
		Matcher id = IMPORT_ID.matcher(preview.body());
		assertThat(id.find()).as(preview.body()).isTrue();
		return id.group(1);
	}

	private static long median(long[] times) {
		long[] sorted = times.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	/**
	 * Prints the ratio as a properties line when recording, checks it against the
	 * recorded one otherwise.
	 */
	private static void check(Ratio ratio) throws IOException {
		System.out.printf(Locale.ROOT, "# %s: application %s ms (warm-up %.1f), ceiling %s ms (warm-up %.1f)%n",
				ratio.name(), millis(ratio.applicationTimes()), ratio.applicationWarmUp() / 1e6,
				millis(ratio.ceilingTimes()), ratio.ceilingWarmUp() / 1e6);
		if (recording()) {
			System.out.printf(Locale.ROOT, "%s=%.2f%n", ratio.key(), ratio.value());
			return;
		}
		String recorded = recorded().getProperty(ratio.key());
		assertThat(recorded).as("no %s in performance-guard.properties: record it (see the file's header)", ratio.key())
			.isNotNull();
		double limit = TOLERANCE * Double.parseDouble(recorded);
		String verdict = String.format(Locale.ROOT,
				"%s: measured ratio %.2f (application %.1f ms / ceiling %.1f ms, medians of %d), recorded ratio %s, "
						+ "limit %.2f (%.0f x recorded)",
				ratio.name(), ratio.value(), ratio.application() / 1e6, ratio.ceiling() / 1e6, REPETITIONS, recorded,
				limit, TOLERANCE);
		System.out.println("# " + verdict);
		assertThat(ratio.value()).as(verdict).isLessThanOrEqualTo(limit);
	}

	private static boolean recording() {
		return Boolean.getBoolean("rapport.guard.record")
				|| "true".equalsIgnoreCase(System.getenv("RAPPORT_GUARD_RECORD"));
	}

	private static Properties recorded() throws IOException {
		Properties properties = new Properties();
		try (InputStream in = PerformanceGuardTests.class.getResourceAsStream("/performance-guard.properties")) {
			assertThat(in).as("performance-guard.properties on the test class path").isNotNull();
			properties.load(in);
		}
		return properties;
	}

	private static String millis(long[] times) {
		return Arrays.stream(times)
			.mapToObj(time -> String.format(Locale.ROOT, "%.1f", time / 1e6))
			.reduce((a, b) -> a + ", " + b)
			.orElse("");
	}

	/** Median times in nanoseconds of the application and of its ceiling. */
	record Ratio(String name, long application, long ceiling, long applicationWarmUp, long[] applicationTimes,
			long ceilingWarmUp, long[] ceilingTimes) {

		String key() {
			return "guard." + name + ".ratio";
		}

		double value() {
			return (double) application / ceiling;
		}

	}

}
