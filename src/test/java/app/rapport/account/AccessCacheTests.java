package app.rapport.account;

import java.time.Duration;
import app.rapport.Providers;
import app.rapport.Providers.Person;
import app.rapport.Providers.Provider;
import app.rapport.RapportClient;
import app.rapport.TestDatabases;
import app.rapport.shared.OrganizationRole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who a request is comes from memory between requests, yet every change to it applies to
 * the next request on this node and, through the database's notifications, within moments
 * on every other node. Changes "on another node" are made here with plain SQL, which this
 * node hears of only through the notification.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessCacheTests {

	static final Duration MOMENTS = Duration.ofSeconds(5);

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabases.isolate(registry, "rapport_access_cache");
	}

	@LocalServerPort
	int port;

	@Autowired
	Providers providers;

	@Autowired
	ApiTokens apiTokens;

	@Autowired
	AccessCache cache;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aTokenRevokedOnAnotherNodeStopsWorking() {
		Provider provider = providers.provider("Revoked Elsewhere Coaching");
		var token = apiTokens.create(provider.owner(), provider.id(), "script");
		RapportClient script = new RapportClient(port).withBearer(token.token());
		assertThat(script.get("/api/v1/clients").statusCode()).isEqualTo(200);
		assertThat(script.get("/api/v1/clients").statusCode()).isEqualTo(200);
		assertThat(cache.live()).isTrue();
		assertThat(cache.size()).as("the token and the person are remembered").isGreaterThanOrEqualTo(2);

		jdbc.sql("update api_token set revoked_at = now() where id = ?").param(token.id()).update();

		await().atMost(MOMENTS).until(() -> script.get("/api/v1/clients").statusCode() == 401);
	}

	@Test
	void aTokenRevokedOnThisNodeFailsOnTheNextRequest() {
		Provider provider = providers.provider("Revoked Here Coaching");
		var token = apiTokens.create(provider.owner(), provider.id(), "script");
		RapportClient script = new RapportClient(port).withBearer(token.token());
		assertThat(script.get("/api/v1/me").statusCode()).isEqualTo(200);

		apiTokens.revoke(provider.owner(), token.id());

		assertThat(script.get("/api/v1/me").statusCode()).isEqualTo(401);
	}

	@Test
	void aRoleChangedOnThisNodeAppliesToTheNextRequest() {
		Provider provider = providers.provider("Role Here Coaching");
		Person coach = providers.member(provider, OrganizationRole.COACH);
		RapportClient api = providers.apiAs(port, provider, coach.id());
		assertThat(api.get("/api/v1/me").body()).contains("\"role\":\"COACH\"");

		assertThat(providers.ownerApi(port, provider)
			.api("PATCH", "/api/v1/organization/members/" + coach.id().value(), "{\"role\":\"ADMIN\"}")
			.statusCode()).isEqualTo(200);

		assertThat(api.get("/api/v1/me").body()).contains("\"role\":\"ADMIN\"");
	}

	@Test
	void aMemberRemovedOnThisNodeLosesTheOrganizationOnTheNextRequest() {
		Provider provider = providers.provider("Removed Here Coaching");
		Person coach = providers.member(provider, OrganizationRole.COACH);
		RapportClient api = providers.apiAs(port, provider, coach.id());
		assertThat(api.get("/api/v1/clients").statusCode()).isEqualTo(200);

		assertThat(providers.ownerApi(port, provider)
			.api("DELETE", "/api/v1/organization/members/" + coach.id().value(), "")
			.statusCode()).isEqualTo(204);

		assertThat(api.get("/api/v1/clients").statusCode()).isIn(403, 404);
	}

	@Test
	void aMemberRemovedOnAnotherNodeLosesTheOrganization() {
		Provider provider = providers.provider("Removed Elsewhere Coaching");
		Person coach = providers.member(provider, OrganizationRole.COACH);
		RapportClient browser = new RapportClient(port);
		browser.signIn(coach.email(), Providers.PASSWORD);
		assertThat(browser.get("/clients").statusCode()).isEqualTo(200);

		jdbc.sql("delete from membership where organization_id = ? and account_id = ?")
			.params(provider.id().value(), coach.id().value())
			.update();

		await().atMost(MOMENTS).until(() -> browser.get("/clients").statusCode() != 200);
	}

	@Test
	void anOrganizationRenamedOnAnotherNodeShowsItsNewName() {
		Provider provider = providers.provider("Old Name Coaching");
		RapportClient browser = new RapportClient(port);
		browser.signIn(provider.ownerEmail(), Providers.PASSWORD);
		assertThat(browser.get("/clients").body()).contains("Old Name Coaching");

		jdbc.sql("update organization set name = 'New Name Coaching' where id = ?")
			.param(provider.id().value())
			.update();

		await().atMost(MOMENTS).until(() -> browser.get("/clients").body().contains("New Name Coaching"));
	}

	@Test
	void whenTheListenerLosesItsConnectionNothingStaleIsServedAndItListensAgain() {
		Provider provider = providers.provider("Listener Drop Coaching");
		var token = apiTokens.create(provider.owner(), provider.id(), "script");
		RapportClient script = new RapportClient(port).withBearer(token.token());
		assertThat(script.get("/api/v1/me").statusCode()).isEqualTo(200);
		int listener = listenerPid();

		jdbc.sql("select pg_terminate_backend(?)").param(listener).query(Boolean.class).single();
		jdbc.sql("update api_token set revoked_at = now() where id = ?").param(token.id()).update();

		await().atMost(MOMENTS).until(() -> script.get("/api/v1/me").statusCode() == 401);
		await().atMost(MOMENTS).until(() -> cache.live() && listenerPid() != listener);
		RapportClient other = new RapportClient(port)
			.withBearer(apiTokens.create(provider.owner(), provider.id(), "second").token());
		assertThat(other.get("/api/v1/me").statusCode()).isEqualTo(200);
		assertThat(cache.size()).as("remembering again").isPositive();
	}

	private int listenerPid() {
		return jdbc.sql("""
				select coalesce(max(pid), 0) from pg_stat_activity
				where datname = current_database() and query = 'listen rapport_access'""")
			.query(Integer.class)
			.single();
	}

	@Test
	void changesOfDisplayNameApplyAtOnce() {
		Provider provider = providers.provider("Rename Person Coaching");
		RapportClient api = providers.ownerApi(port, provider);
		assertThat(api.get("/api/v1/me").statusCode()).isEqualTo(200);

		api.api("PATCH", "/api/v1/me", "{\"displayName\":\"Renamed Person\"}");

		assertThat(api.get("/api/v1/me").body()).contains("Renamed Person");
	}

	@Test
	void anOwnerWhoseConfirmationIsUndoneOnAnotherNodeCannotInvite() {
		Provider provider = providers.provider("Unconfirmed Elsewhere Coaching");
		RapportClient api = providers.ownerApi(port, provider);
		assertThat(invite(api).statusCode()).as("the sender is remembered as confirmed").isEqualTo(201);

		jdbc.sql("update account set email_verified_at = null where id = ?").param(provider.owner().value()).update();

		await().atMost(MOMENTS).until(() -> invite(api).statusCode() == 409);
	}

	@Test
	void brandingChangedOnAnotherNodeIsInTheNextEmails() {
		Provider provider = providers.provider("Rebranded Elsewhere Coaching");
		RapportClient api = providers.ownerApi(port, provider);
		assertThat(invite(api).statusCode()).isEqualTo(201);

		jdbc.sql("update organization set brand_color = '#aa3300' where id = ?").param(provider.id().value()).update();

		await().atMost(MOMENTS).until(() -> {
			invite(api);
			return jdbc.sql("""
					select model -> 'branding' ->> 'color' from email_outbox
					where organization_id = ? order by created_at desc limit 1""")
				.param(provider.id().value())
				.query(String.class)
				.single()
				.equals("#aa3300");
		});
	}

	@Test
	void anOrganizationRenamedOnThisNodeSignsTheVeryNextEmail() {
		Provider provider = providers.provider("Renamed Here Coaching");
		RapportClient api = providers.ownerApi(port, provider);
		assertThat(invite(api).statusCode()).isEqualTo(201);

		assertThat(api.api("PATCH", "/api/v1/organization", "{\"name\":\"Renamed Again Coaching\"}").statusCode())
			.isEqualTo(200);
		assertThat(invite(api).statusCode()).isEqualTo(201);

		assertThat(jdbc.sql("""
				select model -> 'branding' ->> 'name' from email_outbox
				where organization_id = ? order by created_at desc limit 1""")
			.param(provider.id().value())
			.query(String.class)
			.single()).isEqualTo("Renamed Again Coaching");
	}

	private static java.net.http.HttpResponse<String> invite(RapportClient api) {
		String email = Providers.uniqueEmail("remembered");
		return api.api("POST", "/api/v1/clients/individuals",
				"{\"invite\":true,\"clients\":[{\"firstName\":\"Re\",\"lastName\":\"Member\",\"email\":\"" + email
						+ "\"}]}");
	}

}
