package app.rapport.shared.web;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import app.rapport.Providers;
import app.rapport.Providers.Provider;
import app.rapport.RapportClient;
import app.rapport.TestDatabases;
import app.rapport.account.ApiTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL goes away while people are signed in: requests fail cleanly with 503 (a
 * clear page, a problem document, no stack trace), readiness reports DOWN, and everything
 * works again by itself once the database accepts connections — sessions included, since
 * they live in the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.hikari.connection-timeout=500", "spring.datasource.hikari.validation-timeout=250" })
class DatabaseOutageTests {

	static final String DATABASE = "rapport_outage";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabases.isolate(registry, DATABASE);
	}

	@LocalServerPort
	int port;

	@Autowired
	Providers providers;

	@Autowired
	ApiTokens apiTokens;

	@Autowired
	DataSource dataSource;

	@Test
	void requestsFailCleanlyWhileTheDatabaseIsDownAndRecoverByThemselves() throws Exception {
		Provider provider = providers.provider("Outage Coaching");
		RapportClient browser = new RapportClient(port);
		browser.signIn(provider.ownerEmail(), Providers.PASSWORD);
		RapportClient script = new RapportClient(port)
			.withBearer(apiTokens.create(provider.owner(), provider.id(), "outage").token());
		assertThat(browser.get("/app").statusCode()).isEqualTo(200);
		assertThat(script.api("GET", "/api/v1/me", null).statusCode()).isEqualTo(200);

		String admin;
		try (Connection connection = dataSource.getConnection()) {
			String url = connection.getMetaData().getURL();
			admin = url.replace("/" + DATABASE, "/postgres");
		}
		try {
			execute(admin, "alter database " + DATABASE + " with allow_connections false");
			execute(admin, "select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + DATABASE
					+ "' and pid <> pg_backend_pid()");

			HttpResponse<String> page = browser.get("/app");
			assertThat(page.statusCode()).isEqualTo(503);
			assertThat(page.body()).contains("Rapport is briefly unavailable").doesNotContain("Exception");
			HttpResponse<String> api = script.api("GET", "/api/v1/me", null);
			assertThat(api.statusCode()).isEqualTo(503);
			assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(t -> t.contains("problem+json"));
			assertThat(api.headers().firstValue("Retry-After")).contains("10");
			assertThat(api.body()).contains("\"status\":503", DatabaseOutageFilter.MESSAGE);
			assertThat(new RapportClient(port).get("/actuator/health/readiness").statusCode()).isEqualTo(503);
			// a request answered asynchronously (its write runs on another thread) too
			HttpResponse<String> invite = script.api("POST", "/api/v1/clients/individuals",
					"{\"invite\":true,\"clients\":[{\"firstName\":\"Out\",\"lastName\":\"Age\",\"email\":"
							+ "\"outage@example.com\"}]}");
			assertThat(invite.statusCode()).as(invite.body()).isEqualTo(503);
			assertThat(invite.body()).contains("\"status\":503", DatabaseOutageFilter.MESSAGE);
		}
		finally {
			execute(admin, "alter database " + DATABASE + " with allow_connections true");
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> browser.get("/app").statusCode() == 200);
		assertThat(browser.get("/app").body()).contains("Outage Coaching");
		assertThat(script.api("GET", "/api/v1/me", null).statusCode()).isEqualTo(200);
	}

	private void execute(String url, String sql) throws Exception {
		String user = System.getProperty("spring.datasource.username", "postgres");
		try (Connection connection = DriverManager.getConnection(url, user.isBlank() ? "postgres" : user,
				System.getProperty("spring.datasource.password", ""));
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
