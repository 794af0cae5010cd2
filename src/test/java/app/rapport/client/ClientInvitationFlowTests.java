package app.rapport.client;

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
class ClientInvitationFlowTests {

	@LocalServerPort
	int port;

	@Autowired
	Providers providers;

	@Autowired
	ApiTokens apiTokens;

	@Autowired
	JdbcClient jdbc;

	RapportClient owner(Provider provider) {
		RapportClient client = new RapportClient(port);
		client.signIn(provider.ownerEmail(), Providers.PASSWORD);
		return client;
	}

	RapportClient api(Provider provider, Person person) {
		return providers.apiAs(port, provider, person.id());
	}

	RapportClient ownerApi(Provider provider) {
		return providers.ownerApi(port, provider);
	}

	String acceptPath(String email) {
		return providers.acceptPath(email);
	}

	static String token(String path) {
		return Providers.tokenOf(path);
	}

	String statusOf(String email) {
		return jdbc.sql("select status from client_record where email = ?").param(email).query(String.class).single();
	}

	Map<String, String> individual(String first, String last, String email) {
		return Map.of("rows[0].firstName", first, "rows[0].lastName", last, "rows[0].email", email, "rows[0].phone", "",
				"rows[0].timeZone", "Europe/London", "rows[0].tags", "vip, leadership", "rows[0].privateNotes",
				"Prefers mornings");
	}

	@Test
	void anInvitedIndividualRegistersAndOwnsTheirRecord() {
		Provider provider = providers.provider("Bright Path Coaching");
		RapportClient coachingBusiness = owner(provider);
		String email = Providers.uniqueEmail("ana");
		coachingBusiness.get("/clients/new/individual");
		Map<String, String> form = new java.util.HashMap<>(individual("Ana", "Lopez", email));
		form.put("action", "invite");
		HttpResponse<String> created = coachingBusiness.post("/clients/new/individual", form);
		assertThat(created.statusCode()).isEqualTo(302);
		assertThat(statusOf(email)).isEqualTo("INVITED");

		RapportClient ana = new RapportClient(port);
		String path = acceptPath(email);
		HttpResponse<String> registration = ana.get(path);
		assertThat(registration.body()).contains("Bright Path Coaching", email, "Create my account and accept");
		HttpResponse<String> registered = ana.post("/join/register", Map.of("token", token(path), "name", "Ana Lopez",
				"password", Providers.PASSWORD, "acceptTerms", "true"));
		assertThat(registered.headers().firstValue("Location")).hasValueSatisfying(l -> l.contains("/my-coaching"));
		assertThat(statusOf(email)).isEqualTo("OWNED");
		assertThat(ana.get("/my-coaching").body()).contains("Bright Path Coaching").doesNotContain("Prefers mornings");

		String id = jdbc.sql("select id::text from client_record where email = ?")
			.param(email)
			.query(String.class)
			.single();
		RapportClient ownerApi = ownerApi(provider);
		assertThat(ownerApi.api("PATCH", "/api/v1/clients/" + id, "{\"firstName\":\"Renamed\"}").statusCode())
			.as("the provider can no longer edit the owner's personal details")
			.isEqualTo(403);
		assertThat(ownerApi.api("PATCH", "/api/v1/clients/" + id, "{\"tags\":\"alumni\",\"privateNotes\":\"Renewed\"}")
			.statusCode()).isEqualTo(200);
		assertThat(ana.get(path).statusCode()).as("the link works once").isEqualTo(410);
		assertThat(ana.api("GET", "/api/v1/clients/" + id, null).statusCode())
			.as("the owner does not see the provider's view with its private notes")
			.isEqualTo(403);
		assertThat(ana
			.api("PATCH", "/api/v1/my-coaching/" + id,
					"{\"firstName\":\"Ana María\",\"lastName\":\"Lopez\",\"timeZone\":\"Europe/Madrid\"}")
			.statusCode()).isEqualTo(204);
		assertThat(jdbc.sql("select display_name from client_record where id = ?::uuid")
			.param(id)
			.query(String.class)
			.single()).isEqualTo("Ana María Lopez");
		assertThat(coachingBusiness.get("/notifications").body()).contains("accepted your invitation");
	}

	@Test
	void anInternalRecordIsInvitedLaterFromTheProfile() {
		Provider provider = providers.provider("Later Coaching");
		RapportClient api = ownerApi(provider);
		String email = Providers.uniqueEmail("lee");
		HttpResponse<String> created = api.api("POST", "/api/v1/clients/individuals",
				"{\"invite\":false,\"clients\":[{\"firstName\":\"Lee\",\"lastName\":\"Park\",\"email\":\"" + email
						+ "\"}]}");
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(statusOf(email)).isEqualTo("INTERNAL");
		assertThat(jdbc.sql("select count(*) from email_outbox where recipient = ?")
			.param(email)
			.query(Long.class)
			.single()).isZero();

		String id = jdbc.sql("select id::text from client_record where email = ?")
			.param(email)
			.query(String.class)
			.single();
		RapportClient page = owner(provider);
		page.get("/clients/" + id);
		page.post("/clients/" + id + "/invitations", Map.of());
		assertThat(statusOf(email)).isEqualTo("INVITED");
		assertThat(page.get("/clients/" + id).body()).contains("Sent", "Resend", "Revoke");
		assertThat(acceptPath(email)).contains("/join?token=");
	}

	@Test
	void aCompanyPointOfContactAcceptsAndTheCompanyIsConnected() {
		Provider provider = providers.provider("Company Coaching");
		RapportClient api = ownerApi(provider);
		String poc = Providers.uniqueEmail("poc");
		HttpResponse<String> created = api.api("POST", "/api/v1/clients/companies",
				"{\"invite\":true,\"company\":{\"name\":\"Acme Corp\",\"website\":\"acme.example\",\"contactName\":\"Pat Doe\",\"contactEmail\":\""
						+ poc + "\"}}");
		assertThat(created.statusCode()).isEqualTo(201);

		RapportClient pat = new RapportClient(port);
		String path = acceptPath(poc);
		pat.get(path);
		pat.post("/join/register",
				Map.of("token", token(path), "name", "Pat Doe", "password", Providers.PASSWORD, "acceptTerms", "true"));

		assertThat(statusOf(poc)).isEqualTo("OWNED");
		assertThat(jdbc.sql("""
				select o.kind || ':' || m.role || ':' || o.name from account a join membership m on m.account_id = a.id
				join organization o on o.id = m.organization_id where a.email = ?""")
			.param(poc)
			.query(String.class)
			.single()).isEqualTo("CLIENT_COMPANY:ADMIN:Acme Corp");
		assertThat(jdbc.sql("select count(*) from company_connection where provider_id = ?")
			.param(provider.id().value())
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void aCompanyWithoutPointOfContactIsAnInternalRecord() {
		Provider provider = providers.provider("Internal Company Coaching");
		HttpResponse<String> invite = ownerApi(provider).api("POST", "/api/v1/clients/companies",
				"{\"invite\":true,\"company\":{\"name\":\"Solo Ltd\"}}");
		assertThat(invite.statusCode()).isEqualTo(400);
		HttpResponse<String> internal = ownerApi(provider).api("POST", "/api/v1/clients/companies",
				"{\"invite\":false,\"company\":{\"name\":\"Solo Ltd\"}}");
		assertThat(internal.statusCode()).isEqualTo(201);
		assertThat(jdbc.sql("select status from client_record where display_name = 'Solo Ltd' and provider_id = ?")
			.param(provider.id().value())
			.query(String.class)
			.single()).isEqualTo("INTERNAL");
	}

	@Test
	void anExistingAccountSignsInAndConfirms() {
		Provider first = providers.provider("First Coaching");
		Provider second = providers.provider("Second Coaching");
		Person client = providers.person("Kim");
		for (Provider provider : List.of(first, second)) {
			ownerApi(provider).api("POST", "/api/v1/clients/individuals",
					"{\"invite\":true,\"clients\":[{\"firstName\":\"Kim\",\"lastName\":\"Lee\",\"email\":\""
							+ client.email() + "\"}]}");
			String path = acceptPath(client.email());
			RapportClient kim = new RapportClient(port);
			assertThat(kim.get(path).body()).contains("Sign in to accept");
			kim.signIn(client.email(), Providers.PASSWORD);
			assertThat(kim.get("/join/confirm?token=" + token(path)).body()).contains("Accept", "as a client");
			assertThat(kim.post("/join/accept", Map.of("token", token(path))).statusCode()).isEqualTo(302);
		}
		RapportClient kim = new RapportClient(port);
		kim.signIn(client.email(), Providers.PASSWORD);
		assertThat(kim.get("/my-coaching").body()).contains("First Coaching", "Second Coaching");
		assertThat(ownerApi(first).api("GET", "/api/v1/clients", null).body()).doesNotContain("Second Coaching");
	}

	@Test
	void acceptanceByAnotherSignedInAccountIsRefused() {
		Provider provider = providers.provider("Bound Coaching");
		String email = Providers.uniqueEmail("bound");
		ownerApi(provider).api("POST", "/api/v1/clients/individuals",
				"{\"invite\":true,\"clients\":[{\"firstName\":\"Bo\",\"lastName\":\"Und\",\"email\":\"" + email
						+ "\"}]}");
		Person intruder = providers.person("Intruder");
		RapportClient other = new RapportClient(port);
		other.signIn(intruder.email(), Providers.PASSWORD);
		String path = acceptPath(email);

		assertThat(other.get(path).body()).contains("This invitation is for someone else", "Sign out");
		assertThat(other.post("/join/accept", Map.of("token", token(path))).statusCode()).isEqualTo(403);
		assertThat(statusOf(email)).isEqualTo("INVITED");
	}

	@Test
	void resendKillsTheOldLinkAndRevokeKillsTheLink() {
		Provider provider = providers.provider("Resend Coaching");
		RapportClient api = ownerApi(provider);
		String email = Providers.uniqueEmail("res");
		api.api("POST", "/api/v1/clients/individuals",
				"{\"invite\":true,\"clients\":[{\"firstName\":\"Re\",\"lastName\":\"Send\",\"email\":\"" + email
						+ "\"}]}");
		String id = jdbc.sql("select id::text from client_record where email = ?")
			.param(email)
			.query(String.class)
			.single();
		String invitation = jdbc.sql("select id::text from invitation where email = ?")
			.param(email)
			.query(String.class)
			.single();
		String oldPath = acceptPath(email);

		assertThat(
				api.api("POST", "/api/v1/clients/" + id + "/invitations/" + invitation + "/resend", null).statusCode())
			.isEqualTo(204);
		String newPath = acceptPath(email);
		assertThat(newPath).isNotEqualTo(oldPath);
		assertThat(new RapportClient(port).get(oldPath).statusCode()).isEqualTo(410);
		assertThat(new RapportClient(port).get(newPath).statusCode()).isEqualTo(200);

		assertThat(
				api.api("POST", "/api/v1/clients/" + id + "/invitations/" + invitation + "/revoke", null).statusCode())
			.isEqualTo(204);
		assertThat(new RapportClient(port).get(newPath).statusCode()).isEqualTo(410);
		assertThat(statusOf(email)).isEqualTo("INTERNAL");
	}

	@Test
	void acceptingConcurrentlyFromTwentyRequestsHasOneEffect() throws Exception {
		Provider provider = providers.provider("Race Accept Coaching");
		Person client = providers.person("Racer");
		ownerApi(provider).api("POST", "/api/v1/clients/individuals",
				"{\"invite\":true,\"clients\":[{\"firstName\":\"Ra\",\"lastName\":\"Cer\",\"email\":\"" + client.email()
						+ "\"}]}");
		String token = token(acceptPath(client.email()));
		RapportClient racer = api(provider, client);
		List<Callable<Integer>> attempts = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			attempts.add(() -> racer.api("POST", "/api/v1/join/accept", "{\"token\":\"" + token + "\"}").statusCode());
		}
		List<Integer> statuses = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
			for (Future<Integer> result : pool.invokeAll(attempts)) {
				statuses.add(result.get());
			}
		}

		assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
		assertThat(statuses).filteredOn(s -> s != 200).allMatch(s -> s == 410);
		assertThat(jdbc.sql(
				"select count(*) from invitation_event e join invitation i on i.id = e.invitation_id where i.email = ? and e.kind = 'ACCEPTED'")
			.param(client.email())
			.query(Long.class)
			.single()).isOne();
		assertThat(jdbc.sql("select count(*) from notification where kind = 'INVITATION_ACCEPTED' and recipient_id = ?")
			.param(provider.owner().value())
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void invitationsWaitForTheOwnersConfirmedEmailButInternalRecordsDoNot() {
		Provider provider = providers.provider("Unverified Coaching");
		jdbc.sql("update account set email_verified_at = null where id = ?").param(provider.owner().value()).update();
		RapportClient api = ownerApi(provider);
		String email = Providers.uniqueEmail("wait");

		HttpResponse<String> invite = api.api("POST", "/api/v1/clients/individuals",
				"{\"invite\":true,\"clients\":[{\"firstName\":\"Wa\",\"lastName\":\"It\",\"email\":\"" + email
						+ "\"}]}");
		assertThat(invite.statusCode()).isEqualTo(409);
		assertThat(invite.body()).contains("confirmed their email");
		assertThat(
				jdbc.sql("select count(*) from client_record where email = ?").param(email).query(Long.class).single())
			.as("nothing is stored")
			.isZero();
		assertThat(api
			.api("POST", "/api/v1/clients/individuals",
					"{\"invite\":false,\"clients\":[{\"firstName\":\"Wa\",\"lastName\":\"It\",\"email\":\"" + email
							+ "\"}]}")
			.statusCode()).isEqualTo(201);
	}

	@Test
	void theSameClientAddedTwentyTimesAtOnceIsStoredOnceAndTheOthersAreTold() throws Exception {
		Provider provider = providers.provider("Race Create Coaching");
		RapportClient api = ownerApi(provider);
		String email = Providers.uniqueEmail("racecreate");
		String body = "{\"invite\":true,\"clients\":[{\"firstName\":\"Ra\",\"lastName\":\"Ce\",\"email\":\"" + email
				+ "\"}]}";
		List<Callable<HttpResponse<String>>> attempts = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			attempts.add(() -> api.api("POST", "/api/v1/clients/individuals", body));
		}
		List<HttpResponse<String>> responses = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
			for (Future<HttpResponse<String>> result : pool.invokeAll(attempts)) {
				responses.add(result.get());
			}
		}

		assertThat(responses).filteredOn(r -> r.statusCode() == 201).hasSize(1);
		assertThat(responses).filteredOn(r -> r.statusCode() != 201)
			.allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(400))
			.as("the unique index refuses the copies, each told which client has the address")
			.allSatisfy(r -> assertThat(r.body()).contains("already belongs to your client Ra Ce"));
		assertThat(
				jdbc.sql("select count(*) from client_record where email = ?").param(email).query(Long.class).single())
			.isOne();
		assertThat(jdbc.sql("select count(*) from invitation where email = ?").param(email).query(Long.class).single())
			.isOne();
	}

	@Test
	void clientsInvitedAtOnceByOnePersonEachGetTheirOwnRecordAndInvitation() throws Exception {
		Provider provider = providers.provider("Burst Invite Coaching");
		RapportClient api = ownerApi(provider);
		String taken = Providers.uniqueEmail("taken");
		assertThat(api.api("POST", "/api/v1/clients/individuals", oneClient("Ta", taken)).statusCode()).isEqualTo(201);
		List<String> emails = new ArrayList<>();
		List<Callable<HttpResponse<String>>> attempts = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			// every tenth is an address the provider already has: refused alone, the
			// others
			// of its group are stored all the same
			String email = i % 10 == 9 ? taken : Providers.uniqueEmail("burst" + i);
			emails.add(email);
			attempts.add(() -> api.api("POST", "/api/v1/clients/individuals", oneClient("Bu", email)));
		}
		List<HttpResponse<String>> responses = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
			for (Future<HttpResponse<String>> result : pool.invokeAll(attempts)) {
				responses.add(result.get());
			}
		}

		for (int i = 0; i < emails.size(); i++) {
			HttpResponse<String> response = responses.get(i);
			if (emails.get(i).equals(taken)) {
				assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
				assertThat(response.body()).contains("already belongs to your client Ta");
				continue;
			}
			assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
			String id = response.body().replaceAll("(?s).*\"ids\":\\[\"([^\"]+)\"].*", "$1");
			assertThat(jdbc.sql("select email from client_record where id = ?::uuid")
				.param(id)
				.query(String.class)
				.single()).as("each caller gets the id of its own client").isEqualTo(emails.get(i));
		}
		assertThat(jdbc
			.sql("select count(*) from invitation i join client_record c on c.id = i.subject_id "
					+ "where c.provider_id = ? and c.email like 'burst%'")
			.param(provider.id().value())
			.query(Long.class)
			.single()).isEqualTo(54);
		assertThat(jdbc.sql("select count(*) from email_outbox where organization_id = ? and recipient like 'burst%'")
			.param(provider.id().value())
			.query(Long.class)
			.single()).isEqualTo(54);
	}

	private static String oneClient(String firstName, String email) {
		return "{\"invite\":true,\"clients\":[{\"firstName\":\"" + firstName + "\",\"lastName\":\"Client\",\"email\":\""
				+ email + "\"}]}";
	}

	@Test
	void aDuplicateEmailPointsToTheExistingRecord() {
		Provider provider = providers.provider("Duplicate Coaching");
		RapportClient page = owner(provider);
		String email = Providers.uniqueEmail("dup");
		page.get("/clients/new/individual");
		Map<String, String> form = new java.util.HashMap<>(individual("Dee", "Up", email));
		form.put("action", "internal");
		page.post("/clients/new/individual", form);
		page.get("/clients/new/individual");
		HttpResponse<String> again = page.post("/clients/new/individual", form);

		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(again.body()).contains("already belongs to your client Dee Up", "Open the existing client");
		assertThat(
				jdbc.sql("select count(*) from client_record where email = ?").param(email).query(Long.class).single())
			.isOne();
	}

	@Test
	void addAnotherCreatesSeveralClientsAtOnce() {
		Provider provider = providers.provider("Add Another Coaching");
		RapportClient page = owner(provider);
		page.get("/clients/new/individual");
		Map<String, String> form = new java.util.HashMap<>();
		for (int i = 0; i < 3; i++) {
			form.put("rows[" + i + "].firstName", "Person" + i);
			form.put("rows[" + i + "].lastName", "Many");
			form.put("rows[" + i + "].email", Providers.uniqueEmail("many" + i));
		}
		form.put("action", "invite");
		assertThat(page.post("/clients/new/individual", form).statusCode()).isEqualTo(302);
		assertThat(jdbc.sql("select count(*) from client_record where provider_id = ? and status = 'INVITED'")
			.param(provider.id().value())
			.query(Long.class)
			.single()).isEqualTo(3);
	}

	@Test
	void badInputGetsAClearErrorAndChangesNothing() {
		Provider provider = providers.provider("Bad Input Coaching");
		RapportClient page = owner(provider);
		page.get("/clients/new/individual");
		Map<String, String> form = new java.util.HashMap<>(
				individual("<script>alert(1)</script>", "X", "not-an-email"));
		form.put("action", "invite");
		HttpResponse<String> response = page.post("/clients/new/individual", form);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("cannot contain &lt; or &gt;").doesNotContain("<script>alert(1)</script>");
		assertThat(jdbc.sql("select count(*) from client_record where provider_id = ?")
			.param(provider.id().value())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aCoachSeesTheirOwnClientsAndAnotherProviderSeesNone() {
		Provider provider = providers.provider("Visibility Coaching");
		Person coach = providers.member(provider, OrganizationRole.COACH);
		RapportClient ownerApi = ownerApi(provider);
		RapportClient coachApi = api(provider, coach);
		ownerApi.api("POST", "/api/v1/clients/individuals",
				"{\"invite\":false,\"clients\":[{\"firstName\":\"Owner\",\"lastName\":\"Client\"}]}");
		coachApi.api("POST", "/api/v1/clients/individuals",
				"{\"invite\":false,\"clients\":[{\"firstName\":\"Coach\",\"lastName\":\"Client\"}]}");
		String ownersClient = jdbc
			.sql("select id::text from client_record where provider_id = ? and first_name = 'Owner'")
			.param(provider.id().value())
			.query(String.class)
			.single();

		assertThat(coachApi.api("GET", "/api/v1/clients", null).body()).contains("Coach Client")
			.doesNotContain("Owner Client");
		assertThat(coachApi.api("GET", "/api/v1/clients/" + ownersClient, null).statusCode()).isEqualTo(404);
		assertThat(coachApi.api("POST", "/api/v1/clients/companies", "{\"invite\":false,\"company\":{\"name\":\"No\"}}")
			.statusCode()).isEqualTo(403);
		assertThat(ownerApi.api("GET", "/api/v1/clients", null).body()).contains("Coach Client", "Owner Client");

		Provider other = providers.provider("Other Coaching");
		RapportClient otherApi = ownerApi(other);
		assertThat(otherApi.api("GET", "/api/v1/clients/" + ownersClient, null).statusCode()).isEqualTo(404);
		assertThat(otherApi.api("POST", "/api/v1/clients/" + ownersClient + "/archive", null).statusCode())
			.isEqualTo(404);
		assertThat(otherApi.api("GET", "/api/v1/clients", null).body()).doesNotContain("Owner Client");
	}

	@Test
	void declineTellsTheInviterAndTheRecordBecomesInternal() {
		Provider provider = providers.provider("Decline Coaching");
		String email = Providers.uniqueEmail("no");
		ownerApi(provider).api("POST", "/api/v1/clients/individuals",
				"{\"invite\":true,\"clients\":[{\"firstName\":\"No\",\"lastName\":\"Thanks\",\"email\":\"" + email
						+ "\"}]}");
		String path = acceptPath(email);
		RapportClient stranger = new RapportClient(port);
		stranger.get(path);
		assertThat(stranger.post("/join/decline", Map.of("token", token(path))).body()).contains("You declined");

		assertThat(statusOf(email)).isEqualTo("INTERNAL");
		assertThat(owner(provider).get("/notifications").body()).contains("declined your invitation");
	}

	@Test
	void theClientListPagesThroughEveryRecordWithoutGapsOrRepeats() {
		Provider provider = providers.provider("Paging Coaching");
		RapportClient api = ownerApi(provider);
		StringBuilder body = new StringBuilder("{\"invite\":false,\"clients\":[");
		for (int i = 0; i < 45; i++) {
			body.append(i == 0 ? "" : ",").append("{\"firstName\":\"P").append(i).append("\",\"lastName\":\"Age\"}");
		}
		api.api("POST", "/api/v1/clients/individuals", body.append("]}").toString());
		for (String sort : List.of("RECENT", "NAME")) {
			java.util.Set<String> seen = new java.util.HashSet<>();
			String after = null;
			int pages = 0;
			do {
				String json = api
					.api("GET", "/api/v1/clients?size=10&sort=" + sort + (after == null ? "" : "&after=" + after), null)
					.body();
				java.util.regex.Matcher ids = java.util.regex.Pattern
					.compile("\"id\":\"([0-9a-f-]{36})\",\"providerId\"")
					.matcher(json);
				while (ids.find()) {
					assertThat(seen.add(ids.group(1))).isTrue();
				}
				java.util.regex.Matcher next = java.util.regex.Pattern.compile("\"next\":\"([^\"]+)\"").matcher(json);
				after = next.find() ? next.group(1) : null;
				pages++;
			}
			while (after != null);
			assertThat(seen).hasSize(45);
			assertThat(pages).isEqualTo(5);
		}
	}

}
