package app.rapport.client;

import java.io.StringWriter;
import java.io.Writer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import app.rapport.Providers;
import app.rapport.Providers.Person;
import app.rapport.Providers.Provider;
import app.rapport.RapportClient;
import app.rapport.shared.CurrentUser;
import app.rapport.shared.EmailAddress;
import app.rapport.shared.OrganizationRole;
import app.rapport.shared.Problem;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Export CSV on the Clients page and through the API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ClientExportTests {

	@LocalServerPort
	int port;

	@Autowired
	Providers providers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ClientExports exports;

	HttpResponse<String> create(RapportClient api, String first, String last, String extra) {
		HttpResponse<String> created = api.api("POST", "/api/v1/clients/individuals",
				"{\"invite\":false,\"clients\":[{\"firstName\":\"" + first + "\",\"lastName\":\"" + last
						+ "\",\"email\":\"" + Providers.uniqueEmail("x") + "\"" + extra + "}]}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return created;
	}

	@Test
	void theExportHoldsEveryClientWithFormulasDefused() {
		Provider provider = providers.provider("Export Coaching");
		RapportClient api = providers.ownerApi(port, provider);
		create(api, "=HYPERLINK(\\\"http://evil.example\\\")", "Attacker", ",\"phone\":\"+44 20 7946 0000\"");
		create(api, "Ana", "Lopez, Jr", ",\"tags\":\"vip, leadership\",\"privateNotes\":\"Line one\\nline two\"");
		for (int i = 0; i < 230; i++) {
			jdbc.sql("""
					insert into client_record (id, provider_id, kind, status, display_name, created_by)
					values (gen_random_uuid(), ?, 'INDIVIDUAL', 'INTERNAL', ?, ?)""")
				.params(provider.id().value(), "Bulk " + i, provider.owner().value())
				.update();
		}

		HttpResponse<String> response = api.get("/api/v1/clients/export");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
		assertThat(response.headers().firstValue("Content-Disposition").orElse("")).contains("attachment", "clients-",
				".csv");
		String body = response.body();
		assertThat(body).startsWith("\uFEFF" + ClientExports.HEADER);
		List<List<String>> rows = CsvReader.rows(body.substring(1));
		assertThat(rows).hasSize(1 + 232);
		assertThat(rows).filteredOn(r -> r.get(0).contains("HYPERLINK")).singleElement().satisfies(r -> {
			assertThat(r.get(0)).isEqualTo("'=HYPERLINK(\"http://evil.example\") Attacker");
			assertThat(r.get(3)).isEqualTo("'=HYPERLINK(\"http://evil.example\")");
			assertThat(r.get(7)).isEqualTo("'+44 20 7946 0000");
		});
		assertThat(rows).filteredOn(r -> r.get(0).equals("Ana Lopez, Jr")).singleElement().satisfies(r -> {
			assertThat(r.get(1)).isEqualTo("Individual");
			assertThat(r.get(11)).isEqualTo("vip, leadership");
			assertThat(r.get(12)).isEqualTo("Line one\nline two");
		});
		assertThat(jdbc.sql("select details from audit_event where organization_id = ? and action = 'CLIENTS_EXPORTED'")
			.param(provider.id().value())
			.query(String.class)
			.list()).containsExactly("232 clients");
	}

	@Test
	void anExportImportsBackWithoutItsApostrophes() {
		Provider from = providers.provider("Export From Coaching");
		RapportClient fromApi = providers.ownerApi(port, from);
		create(fromApi, "Rita", "Roundtrip", ",\"phone\":\"+44 20 7946 0000\",\"tags\":\"vip, board\"");
		String file = fromApi.get("/api/v1/clients/export").body();
		assertThat(file).contains("'+44 20 7946 0000");

		Provider to = providers.provider("Export To Coaching");
		HttpResponse<String> preview = providers.ownerApi(port, to)
			.send("POST", "/api/v1/clients/imports", "text/csv", file);

		assertThat(preview.statusCode()).as(preview.body()).isEqualTo(201);
		assertThat(preview.body()).contains("\"newCount\":1", "\"phone\":\"+44 20 7946 0000\"", "Rita")
			.doesNotContain("'+44");
	}

	@Test
	void theExportFollowsTheListsFiltersAndVisibility() {
		Provider provider = providers.provider("Export Filter Coaching");
		RapportClient owner = providers.ownerApi(port, provider);
		Person coach = providers.member(provider, OrganizationRole.COACH);
		RapportClient coachApi = providers.apiAs(port, provider, coach.id());
		create(owner, "Olga", "Ownerclient", "");
		create(coachApi, "Carl", "Coachclient", "");

		assertThat(CsvReader.rows(coachApi.get("/api/v1/clients/export").body().substring(1))).extracting(r -> r.get(0))
			.containsExactly("Name", "Carl Coachclient");
		assertThat(CsvReader.rows(owner.get("/api/v1/clients/export?q=olg").body().substring(1)))
			.extracting(r -> r.get(0))
			.containsExactly("Name", "Olga Ownerclient");

		RapportClient page = new RapportClient(port);
		page.signIn(provider.ownerEmail(), Providers.PASSWORD);
		assertThat(page.get("/clients").body()).contains("Export CSV", "/clients/export?");
		HttpResponse<String> fromThePage = page.get("/clients/export?sort=NAME");
		assertThat(fromThePage.statusCode()).isEqualTo(200);
		assertThat(CsvReader.rows(fromThePage.body().substring(1))).extracting(r -> r.get(0))
			.containsExactly("Name", "Carl Coachclient", "Olga Ownerclient");
	}

	@Test
	void aPersonWithoutOrganizationOrSignInGetsNoExport() {
		Person coachee = providers.person("Exportless");
		RapportClient page = new RapportClient(port);
		page.signIn(coachee.email(), Providers.PASSWORD);

		assertThat(page.get("/clients/export").statusCode()).isEqualTo(403);
		assertThat(new RapportClient(port).api("GET", "/api/v1/clients/export", null).statusCode()).isEqualTo(401);
	}

	/** A second export of one organization while the first is still writing is a 429. */
	@Test
	void oneExportPerOrganizationRunsAtATime() throws Exception {
		Provider provider = providers.provider("Export Once Coaching");
		CurrentUser owner = new CurrentUser(provider.owner(), new EmailAddress(provider.ownerEmail()), "Olivia Owner",
				true, provider.id(), "Export Once Coaching", OrganizationRole.OWNER);
		ClientQuery all = new ClientQuery(null, null, null, null, null, false, null, ClientQuery.MAX_SIZE);
		CountDownLatch writing = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> {
			try {
				return exports.export(owner, all, () -> {
					writing.countDown();
					try {
						assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
					}
					catch (InterruptedException ex) {
						throw new java.io.InterruptedIOException();
					}
					return new StringWriter();
				});
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();

		assertThatThrownBy(() -> exports.export(owner, all, StringWriter::new)).isInstanceOfSatisfying(Problem.class,
				problem -> assertThat(problem.status()).isEqualTo(429));
		release.countDown();
		assertThat(first.get(30, TimeUnit.SECONDS)).isZero();
		Writer again = new StringWriter();
		assertThat(exports.export(owner, all, () -> again)).isZero();
		assertThat(again.toString()).isEqualTo("\uFEFF" + ClientExports.HEADER);
	}

	/** Reads a whole RFC 4180 file. */
	static final class CsvReader {

		static List<List<String>> rows(String file) {
			List<List<String>> rows = new java.util.ArrayList<>();
			StringBuilder row = new StringBuilder();
			boolean quoted = false;
			for (int i = 0; i < file.length(); i++) {
				char c = file.charAt(i);
				if (c == '"') {
					quoted = !quoted;
				}
				if (!quoted && c == '\r' && i + 1 < file.length() && file.charAt(i + 1) == '\n') {
					rows.add(CsvCellsTest.readRow(row.toString()));
					row.setLength(0);
					i++;
					continue;
				}
				row.append(c);
			}
			assertThat(row).as("the file ends with a line break").isEmpty();
			return rows;
		}

	}

}
