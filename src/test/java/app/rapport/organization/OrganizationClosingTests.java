package app.rapport.organization;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import app.rapport.Providers;
import app.rapport.Providers.Person;
import app.rapport.Providers.Provider;
import app.rapport.RapportClient;
import app.rapport.shared.OrganizationRole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing an organization: owners only, confirmed by its name; afterwards no member,
 * token or invitation of it works, and acceptances racing the close leave nobody inside.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrganizationClosingTests {

	@LocalServerPort
	int port;

	@Autowired
	Providers providers;

	@Autowired
	JdbcClient jdbc;

	long count(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Long.class).single();
	}

	@Test
	void onlyAnOwnerWhoTypesTheNameClosesTheOrganization() {
		Provider provider = providers.provider("Careful Closing Ltd");
		Person admin = providers.member(provider, OrganizationRole.ADMIN);
		RapportClient adminApi = providers.apiAs(port, provider, admin.id());
		assertThat(adminApi.api("POST", "/api/v1/organization/close", "{\"confirmation\":\"Careful Closing Ltd\"}")
			.statusCode()).isEqualTo(403);
		RapportClient owner = providers.ownerApi(port, provider);
		HttpResponse<String> wrongName = owner.api("POST", "/api/v1/organization/close",
				"{\"confirmation\":\"careful closing ltd\"}");
		assertThat(wrongName.statusCode()).isEqualTo(400);
		assertThat(wrongName.body()).contains("Type the organization's name, Careful Closing Ltd, exactly to confirm.");
		assertThat(count("select count(*) from organization where id = ? and closed_at is null", provider.id().value()))
			.isEqualTo(1);
		assertThat(count("select count(*) from membership where organization_id = ?", provider.id().value()))
			.isEqualTo(2);

		RapportClient page = new RapportClient(port);
		page.signIn(provider.ownerEmail(), Providers.PASSWORD);
		assertThat(page.get("/settings/organization").body()).contains("Close organization");
		HttpResponse<String> refused = page.post("/settings/organization/close", Map.of("confirmation", "nope"));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("exactly to confirm");
		HttpResponse<String> closed = page.post("/settings/organization/close",
				Map.of("confirmation", "Careful Closing Ltd"));
		assertThat(closed.statusCode()).isEqualTo(302);
		assertThat(closed.headers().firstValue("Location")).hasValueSatisfying(l -> l.endsWith("/organizations"));
		assertThat(page.get("/organizations").body()).contains("Careful Closing Ltd is closed.");
	}

	@Test
	void noInvitationMemberOrTokenOfAClosedOrganizationWorks() {
		Provider provider = providers.provider("Closing Coaching");
		RapportClient owner = providers.ownerApi(port, provider);
		Person coach = providers.member(provider, OrganizationRole.COACH);
		RapportClient coachApi = providers.apiAs(port, provider, coach.id());
		assertThat(coachApi.api("GET", "/api/v1/clients", null).statusCode()).isEqualTo(200);

		String client = Providers.uniqueEmail("cli");
		assertThat(owner
			.api("POST", "/api/v1/clients/individuals",
					"{\"invite\":true,\"clients\":[{\"firstName\":\"Cleo\"," + "\"lastName\":\"Client\",\"email\":\""
							+ client + "\"}]}")
			.statusCode()).isEqualTo(201);
		String colleague = Providers.uniqueEmail("col");
		assertThat(owner
			.api("POST", "/api/v1/organization/invitations",
					"{\"name\":\"Cole\",\"email\":\"" + colleague + "\",\"role\":\"COACH\"}")
			.statusCode()).isEqualTo(201);
		String program = providers.newMembers(provider);
		String member = Providers.uniqueEmail("mem");
		assertThat(owner
			.api("POST", "/api/v1/community/programs/" + program + "/invitations",
					Providers.programInvitation("Mo", member, "CLIENT"))
			.statusCode()).isEqualTo(201);
		String joined = Providers.uniqueEmail("joined");
		assertThat(owner
			.api("POST", "/api/v1/community/programs/" + program + "/invitations",
					Providers.programInvitation("Jo", joined, "CLIENT"))
			.statusCode()).isEqualTo(201);
		RapportClient jo = register(joined, "Jo Joined");
		assertThat(jo.api("GET", "/api/v1/my-community", null).body()).contains("New Members");
		List<String> links = List.of(providers.acceptPath(client), providers.acceptPath(colleague),
				providers.acceptPath(member));

		assertThat(
				owner.api("POST", "/api/v1/organization/close", "{\"confirmation\":\"Closing Coaching\"}").statusCode())
			.isEqualTo(204);

		for (String link : links) {
			assertThat(new RapportClient(port).get(link).statusCode()).as(link).isEqualTo(410);
		}
		assertThat(count("select count(*) from invitation where organization_id = ? and status = 'PENDING'",
				provider.id().value()))
			.isZero();
		assertThat(
				jdbc.sql("select status from client_record where email = ?").param(client).query(String.class).single())
			.as("the provider's record is internal again")
			.isEqualTo("INTERNAL");
		assertThat(count("select count(*) from membership where organization_id = ?", provider.id().value())).isZero();
		assertThat(coachApi.api("GET", "/api/v1/clients", null).statusCode()).isEqualTo(403);
		assertThat(owner.api("GET", "/api/v1/clients", null).statusCode()).isEqualTo(403);
		assertThat(jo.api("GET", "/api/v1/my-community", null).body()).doesNotContain("New Members");
		assertThat(
				count("select count(*) from audit_event where organization_id = ? and action = 'ORGANIZATION_CLOSED'",
						provider.id().value()))
			.isEqualTo(1);
	}

	@Test
	void colleaguesAcceptingWhileTheOrganizationClosesEndUpOutside() throws Exception {
		Provider provider = providers.provider("Racing Closure");
		RapportClient owner = providers.ownerApi(port, provider);
		List<Person> people = new ArrayList<>();
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			Person person = providers.person("Racer" + i);
			people.add(person);
			assertThat(owner
				.api("POST", "/api/v1/organization/invitations",
						"{\"name\":\"Racer\",\"email\":\"" + person.email() + "\",\"role\":\"COACH\"}")
				.statusCode()).isEqualTo(201);
			tokens.add(Providers.tokenOf(providers.acceptPath(person.email())));
		}
		List<RapportClient> racers = new ArrayList<>();
		for (Person person : people) {
			RapportClient racer = new RapportClient(port);
			racer.signIn(person.email(), Providers.PASSWORD);
			racers.add(racer);
		}
		List<Callable<Integer>> calls = new ArrayList<>();
		for (int i = 0; i < racers.size(); i++) {
			RapportClient racer = racers.get(i);
			String token = tokens.get(i);
			calls.add(() -> racer.api("POST", "/api/v1/join/accept", "{\"token\":\"" + token + "\"}").statusCode());
		}
		calls.add(() -> owner.api("POST", "/api/v1/organization/close", "{\"confirmation\":\"Racing Closure\"}")
			.statusCode());
		try (ExecutorService pool = Executors.newFixedThreadPool(calls.size())) {
			List<Future<Integer>> results = pool.invokeAll(calls);
			assertThat(results.getLast().get()).isEqualTo(204);
			for (Future<Integer> accepted : results.subList(0, racers.size())) {
				assertThat(accepted.get()).isIn(200, 410);
			}
		}
		assertThat(count("select count(*) from membership where organization_id = ?", provider.id().value()))
			.as("nobody is inside a closed organization")
			.isZero();
	}

	RapportClient register(String email, String name) {
		String path = providers.acceptPath(email);
		RapportClient person = new RapportClient(port);
		person.get(path);
		HttpResponse<String> registered = person.post("/join/register", Map.of("token", Providers.tokenOf(path), "name",
				name, "password", Providers.PASSWORD, "acceptTerms", "true"));
		assertThat(registered.statusCode()).isEqualTo(302);
		return person;
	}

}
