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
import app.rapport.account.ApiTokens;
import app.rapport.shared.OrganizationRole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrganizationSettingsTests {

	@LocalServerPort
	int port;

	@Autowired
	Providers providers;

	@Autowired
	ApiTokens apiTokens;

	@Autowired
	JdbcClient jdbc;

	RapportClient signedIn(String email) {
		RapportClient client = new RapportClient(port);
		client.signIn(email, Providers.PASSWORD);
		return client;
	}

	RapportClient api(Provider provider, Person person) {
		return providers.apiAs(port, provider, person.id());
	}

	String roleOf(Provider provider, Person person) {
		return jdbc.sql("select role from membership where organization_id = ? and account_id = ?")
			.params(provider.id().value(), person.id().value())
			.query(String.class)
			.optional()
			.orElse("none");
	}

	@Test
	void anAdminRenamesTheOrganizationAndTheShellShowsTheNewName() {
		Provider provider = providers.provider("Old Name Coaching");
		RapportClient owner = signedIn(provider.ownerEmail());
		owner.get("/settings/organization");
		owner.post("/settings/organization", Map.of("name", "New Name Coaching"));

		assertThat(owner.get("/app").body()).contains("New Name Coaching");
	}

	@Test
	void aCoachCannotRenameTheOrganization() {
		Provider provider = providers.provider("Coach Rename Coaching");
		Person coach = providers.member(provider, OrganizationRole.COACH);
		RapportClient client = signedIn(coach.email());
		client.get("/settings/organization");

		assertThat(client.post("/settings/organization", Map.of("name", "Hijacked")).statusCode()).isEqualTo(403);
		assertThat(api(provider, coach).api("PATCH", "/api/v1/organization", "{\"name\":\"Hijacked\"}").statusCode())
			.isEqualTo(403);
		assertThat(jdbc.sql("select name from organization where id = ?")
			.param(provider.id().value())
			.query(String.class)
			.single()).isEqualTo("Coach Rename Coaching");
	}

	@Test
	void anOwnerChangesRolesAndRemovesMembers() {
		Provider provider = providers.provider("Roles Coaching");
		Person coach = providers.member(provider, OrganizationRole.COACH);
		RapportClient owner = signedIn(provider.ownerEmail());
		owner.get("/settings/members");
		assertThat(owner.get("/settings/members").body()).contains(coach.email(), "Owner", "Coach");

		owner.post("/settings/members/" + coach.id() + "/role", Map.of("role", "ADMIN"));
		assertThat(roleOf(provider, coach)).isEqualTo("ADMIN");

		owner.post("/settings/members/" + coach.id() + "/remove", Map.of());
		assertThat(roleOf(provider, coach)).isEqualTo("none");
	}

	@Test
	void theLastOwnerCanNeitherLeaveNorBeDemoted() {
		Provider provider = providers.provider("Last Owner Coaching");
		RapportClient owner = signedIn(provider.ownerEmail());
		owner.get("/settings/members");
		owner.post("/settings/members/" + provider.owner() + "/role", Map.of("role", "COACH"));
		HttpResponse<String> page = owner.get("/settings/members");

		assertThat(page.body()).contains("at least one owner");
		HttpResponse<String> api = owner.api("DELETE", "/api/v1/organization/members/" + provider.owner(), null);
		assertThat(api.statusCode()).isEqualTo(409);
		assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(t -> t.contains("problem+json"));
		assertThat(jdbc.sql("select count(*) from membership where organization_id = ? and role = 'OWNER'")
			.param(provider.id().value())
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void twoOwnersRemovingEachOtherAtOnceLeaveOneOwner() throws Exception {
		Provider provider = providers.provider("Race Coaching");
		Person second = providers.member(provider, OrganizationRole.OWNER);
		Person first = new Person(provider.owner(), provider.ownerEmail());
		RapportClient firstApi = api(provider, first);
		RapportClient secondApi = api(provider, second);
		List<Callable<Integer>> removals = List.of(
				() -> firstApi.api("DELETE", "/api/v1/organization/members/" + second.id(), null).statusCode(),
				() -> secondApi.api("DELETE", "/api/v1/organization/members/" + first.id(), null).statusCode());
		List<Integer> statuses = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
			for (Future<Integer> result : pool.invokeAll(removals)) {
				statuses.add(result.get());
			}
		}

		assertThat(jdbc.sql("select count(*) from membership where organization_id = ? and role = 'OWNER'")
			.param(provider.id().value())
			.query(Long.class)
			.single()).isOne();
		assertThat(statuses).contains(204);
	}

	@Test
	void membersOfAnotherOrganizationCannotBeSeenOrChanged() {
		Provider mine = providers.provider("Mine Coaching");
		Provider theirs = providers.provider("Theirs Coaching");
		Person theirCoach = providers.member(theirs, OrganizationRole.COACH);
		RapportClient owner = api(mine, new Person(mine.owner(), mine.ownerEmail()));

		assertThat(owner.api("GET", "/api/v1/organization/members", null).body()).doesNotContain(theirCoach.email());
		assertThat(owner.api("PATCH", "/api/v1/organization/members/" + theirCoach.id(), "{\"role\":\"ADMIN\"}")
			.statusCode()).isEqualTo(404);
		assertThat(owner.api("DELETE", "/api/v1/organization/members/" + theirCoach.id(), null).statusCode())
			.isEqualTo(404);
		assertThat(roleOf(theirs, theirCoach)).isEqualTo("COACH");
	}

	@Test
	void anAdminCannotGrantOwnership() {
		Provider provider = providers.provider("Escalation Coaching");
		Person admin = providers.member(provider, OrganizationRole.ADMIN);
		Person coach = providers.member(provider, OrganizationRole.COACH);
		RapportClient client = api(provider, admin);

		assertThat(
				client.api("PATCH", "/api/v1/organization/members/" + coach.id(), "{\"role\":\"OWNER\"}").statusCode())
			.isEqualTo(403);
		assertThat(
				client.api("PATCH", "/api/v1/organization/members/" + admin.id(), "{\"role\":\"OWNER\"}").statusCode())
			.isEqualTo(403);
		assertThat(roleOf(provider, coach)).isEqualTo("COACH");
		assertThat(roleOf(provider, admin)).isEqualTo("ADMIN");
	}

	@Test
	void roleChangesAreAudited() {
		Provider provider = providers.provider("Audit Coaching");
		Person coach = providers.member(provider, OrganizationRole.COACH);
		RapportClient owner = api(provider, new Person(provider.owner(), provider.ownerEmail()));
		owner.api("PATCH", "/api/v1/organization/members/" + coach.id(), "{\"role\":\"ADMIN\"}");

		String log = owner.api("GET", "/api/v1/audit-events", null).body();
		assertThat(log).contains("MEMBER_ROLE_CHANGED", "COACH -> ADMIN", provider.ownerEmail());
		Person otherCoach = providers.member(provider, OrganizationRole.COACH);
		HttpResponse<String> coachView = api(provider, otherCoach).api("GET", "/api/v1/audit-events", null);
		assertThat(coachView.statusCode()).as("coaches cannot read the audit log: %s", coachView.body()).isEqualTo(403);
	}

	@Test
	void failedSignInsOfAMemberShowInTheOrganizationsAuditLog() {
		Provider provider = providers.provider("Failed Sign In Coaching");
		Person coach = providers.member(provider, OrganizationRole.COACH);
		new RapportClient(port).signIn(coach.email(), "not the password");

		String log = api(provider, new Person(provider.owner(), provider.ownerEmail()))
			.api("GET", "/api/v1/audit-events", null)
			.body();
		assertThat(log).contains("SIGN_IN_FAILED", coach.email());
	}

}
