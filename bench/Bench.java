import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop load from a separate process: N concurrent workers repeat one request for a fixed time after
 * a warm-up; three runs, medians reported. Scenario: the Clients list and search of an organization with
 * 100,000 clients (API and page), with two ceilings measured in the same run: the same SQL over plain JDBC,
 * and a trivial JSON endpoint of the same application.
 * Usage: java -cp postgresql.jar bench/Bench.java BASE_URL JDBC_URL API_TOKEN OWNER_EMAIL PASSWORD ORG_ID
 */
public class Bench {

	static final int CONCURRENCY = 32;

	static final Duration WARMUP = Duration.ofSeconds(4);

	static final Duration RUN = Duration.ofSeconds(8);

	record Figures(double throughput, double p50, double p95, double p99) {
	}

	interface Request {

		void run() throws Exception;

	}

	public static void main(String[] args) throws Exception {
		String base = args[0];
		String jdbc = args[1];
		String token = args[2];
		String owner = args[3];
		String password = args[4];
		String org = args[5];
		HttpClient api = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		signIn(browser, base, owner, password);
		String firstPage = get(api, base + "/api/v1/clients?size=50", token);
		String cursor = deepCursor(api, base, token, 100);

		List<String[]> rows = new ArrayList<>();
		rows.add(row("API: first page", measure(() -> ok(api, base + "/api/v1/clients?size=50", token))));
		rows.add(row("API: page 100 (keyset)",
				measure(() -> ok(api, base + "/api/v1/clients?size=50&after=" + cursor, token))));
		rows.add(row("API: name prefix search", measure(() -> ok(api, base + "/api/v1/clients?q=client%20777", token))));
		rows.add(row("API: email fragment search", measure(() -> ok(api, base + "/api/v1/clients?q=77777%40", token))));
		rows.add(row("page: first page (HTML)", measure(() -> ok(browser, base + "/clients", null))));
		rows.add(row("page: name prefix search (HTML)", measure(() -> ok(browser, base + "/clients?q=client+777", null))));
		rows.add(row("ceiling: trivial JSON endpoint", measure(() -> ok(api, base + "/actuator/health/liveness", null))));
		rows.add(row("ceiling: same first-page SQL over JDBC", measureJdbc(jdbc, org)));
		System.out.printf("%n| request (%d concurrent, %ds x 3 runs, medians) | requests/s | p50 ms | p95 ms | p99 ms |%n",
				CONCURRENCY, RUN.toSeconds());
		System.out.println("| --- | ---: | ---: | ---: | ---: |");
		rows.forEach(r -> System.out.println("| " + String.join(" | ", r) + " |"));
		if (firstPage.isEmpty()) {
			throw new IllegalStateException("no first page");
		}
	}

	static String[] row(String name, Figures f) {
		return new String[] { name, String.format("%.0f", f.throughput()), String.format("%.1f", f.p50()),
				String.format("%.1f", f.p95()), String.format("%.1f", f.p99()) };
	}

	static Figures measure(Request request) throws Exception {
		List<Figures> runs = new ArrayList<>();
		load(request, WARMUP);
		for (int i = 0; i < 3; i++) {
			runs.add(load(request, RUN));
		}
		return median(runs);
	}

	static Figures measureJdbc(String url, String org) throws Exception {
		List<Connection> connections = new ArrayList<>();
		for (int i = 0; i < CONCURRENCY; i++) {
			connections.add(DriverManager.getConnection(url));
		}
		ThreadLocal<PreparedStatement> statements = ThreadLocal.withInitial(() -> null);
		ConcurrentLinkedQueue<Connection> pool = new ConcurrentLinkedQueue<>(connections);
		Request query = () -> {
			Connection connection = pool.poll();
			try (PreparedStatement statement = connection.prepareStatement("""
					select id, provider_id, kind, status, display_name, first_name, last_name, email, phone, time_zone,
					       website, address, contact_name, tags, private_notes, owner_account_id, owner_organization_id,
					       created_by, created_at, last_invited_at, archived_at
					from client_record where provider_id = ?::uuid and archived_at is null
					order by created_at desc, id desc limit 51""")) {
				statement.setString(1, org);
				try (ResultSet rs = statement.executeQuery()) {
					while (rs.next()) {
						rs.getString(5);
					}
				}
			}
			finally {
				pool.add(connection);
			}
		};
		Figures figures = measure(query);
		for (Connection connection : connections) {
			connection.close();
		}
		return figures;
	}

	static Figures load(Request request, Duration duration) throws Exception {
		AtomicBoolean running = new AtomicBoolean(true);
		ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
		List<Callable<Void>> workers = new ArrayList<>();
		for (int i = 0; i < CONCURRENCY; i++) {
			workers.add(() -> {
				while (running.get()) {
					long started = System.nanoTime();
					request.run();
					latencies.add(System.nanoTime() - started);
				}
				return null;
			});
		}
		long started = System.nanoTime();
		try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
			var futures = workers.stream().map(pool::submit).toList();
			Thread.sleep(duration.toMillis());
			running.set(false);
			for (var future : futures) {
				future.get();
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		List<Long> sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		return new Figures(sorted.size() / seconds, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99));
	}

	static double pct(List<Long> sorted, int p) {
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
	}

	static Figures median(List<Figures> runs) {
		return new Figures(med(runs.stream().map(Figures::throughput).toList()),
				med(runs.stream().map(Figures::p50).toList()), med(runs.stream().map(Figures::p95).toList()),
				med(runs.stream().map(Figures::p99).toList()));
	}

	static double med(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

	static void ok(HttpClient client, String url, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(url + " answered " + response.statusCode());
		}
	}

	static String get(HttpClient client, String url, String token) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
				HttpResponse.BodyHandlers.ofString()).body();
	}

	static String deepCursor(HttpClient client, String base, String token, int pages) throws Exception {
		String after = null;
		Pattern next = Pattern.compile("\"next\":\"([^\"]+)\"");
		for (int i = 0; i < pages; i++) {
			String body = get(client, base + "/api/v1/clients?size=50" + (after == null ? "" : "&after=" + after), token);
			Matcher matcher = next.matcher(body);
			matcher.find();
			after = matcher.group(1);
		}
		return after;
	}

	static void signIn(HttpClient client, String base, String email, String password) throws Exception {
		String page = client.send(HttpRequest.newBuilder(URI.create(base + "/sign-in")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		Matcher csrf = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"").matcher(page);
		csrf.find();
		String form = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		client.send(HttpRequest.newBuilder(URI.create(base + "/sign-in"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.discarding());
	}

}
