package app.rapport.invitation;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import app.rapport.MutableClock;
import app.rapport.Providers;
import app.rapport.Providers.Person;
import app.rapport.Providers.Provider;
import app.rapport.RapportClient;
import app.rapport.TestDatabases;
import app.rapport.account.ApiTokens;
import app.rapport.shared.OrganizationRole;
import app.rapport.shared.SecretToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"rapport.invitations.max-per-organization-per-hour=40", "rapport.embedded-postgres.database=invitation_rules" })
class InvitationRulesTests {

	@TestConfiguration
	static class Clocks {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock();
		}

	}

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabases.isolate(registry, "rapport_invitation_rules");
	}

	@Autowired
	Providers providers;

	@Autowired
	ApiTokens apiTokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	InvitationJobs jobs;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	RapportClient api(Provider provider, Person person) {
		return providers.apiAs(port, provider, person.id());
	}

	RapportClient ownerApi(Provider provider) {
		return providers.ownerApi(port, provider);
	}

	HttpResponse<String> inviteClient(RapportClient api, String email) {
		return api.api("POST", "/api/v1/clients/individuals",
				"{\"invite\":true,\"clients\":[{\"firstName\":\"In\",\"lastName\":\"Vitee\",\"email\":\"" + email
						+ "\"}]}");
	}

	String acceptPath(String email) {
		return providers.acceptPath(email);
	}

	@Test
	void tokensAreRandomStoredOnlyAsHashes() {
		Provider provider = providers.provider("Hash Coaching");
		String email = Providers.uniqueEmail("hash");
		inviteClient(ownerApi(provider), email);
		String path = acceptPath(email);
		String token = path.substring(path.indexOf("token=") + 6);

		assertThat(java.util.Base64.getUrlDecoder().decode(token)).hasSizeGreaterThanOrEqualTo(16);
		assertThat(jdbc.sql("select count(*) from invitation where token_hash = ?")
			.param(token)
			.query(Long.class)
			.single()).isZero();
		assertThat(jdbc.sql("select count(*) from invitation where token_hash = ?")
			.param(SecretToken.hash(token))
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void anInvitationExpiresAfterFourteenDays() {
		Provider provider = providers.provider("Expiry Coaching");
		String email = Providers.uniqueEmail("exp");
		inviteClient(ownerApi(provider), email);
		String path = acceptPath(email);
		assertThat(new RapportClient(port).get(path).statusCode()).isEqualTo(200);

		clock.advance(Duration.ofDays(14).plusMinutes(1));
		assertThat(new RapportClient(port).get(path).statusCode()).isEqualTo(410);
		jobs.expireDue();
		assertThat(jdbc.sql("select status from invitation where email = ?").param(email).query(String.class).single())
			.isEqualTo("EXPIRED");
		assertThat(ownerApi(provider).api("GET", "/api/v1/audit-events", null).body()).contains("INVITATION_EXPIRED");
	}

	@Test
	void aProgramInvitationsReminderIsWordedInTheCommunitysLatestWording() {
		Provider provider = providers.provider("Reminder Community");
		RapportClient owner = ownerApi(provider);
		String program = providers.newMembers(provider);
		String email = Providers.uniqueEmail("pia");
		assertThat(owner
			.api("POST", "/api/v1/community/programs/" + program + "/invitations",
					Providers.programInvitation("Pia Program", email, "CLIENT"))
			.statusCode()).isEqualTo(201);
		assertThat(owner
			.api("PATCH", "/api/v1/community",
					"{\"invitationSubject\":\"{program} at {community} is waiting for you, {name}\"}")
			.statusCode()).isEqualTo(200);

		clock.advance(Duration.ofDays(3).plusMinutes(1));
		jobs.remindDue();
		assertThat(jdbc.sql("select subject from email_outbox where recipient = ? order by created_at desc limit 1")
			.param(email)
			.query(String.class)
			.single()).isEqualTo("Reminder: New Members at Reminder Community is waiting for you, Pia Program");
	}

	@Test
	void remindersGoOutAfterThreeAndTenDaysWithAFreshLinkAndStopOnAcceptance() {
		Provider provider = providers.provider("Reminder Coaching");
		Person invitee = providers.person("Reminded");
		inviteClient(ownerApi(provider), invitee.email());
		String original = acceptPath(invitee.email());

		clock.advance(Duration.ofDays(2));
		jobs.remindDue();
		assertThat(acceptPath(invitee.email())).as("no reminder before three days").isEqualTo(original);

		clock.advance(Duration.ofDays(1).plusMinutes(1));
		jobs.remindDue();
		String reminded = acceptPath(invitee.email());
		assertThat(reminded).isNotEqualTo(original);
		assertThat(jdbc.sql("select subject from email_outbox where recipient = ? order by created_at desc limit 1")
			.param(invitee.email())
			.query(String.class)
			.single()).startsWith("Reminder:");
		assertThat(new RapportClient(port).get(original).statusCode()).isEqualTo(410);

		RapportClient person = api(provider, invitee);
		String token = reminded.substring(reminded.indexOf("token=") + 6);
		assertThat(person.api("POST", "/api/v1/join/accept", "{\"token\":\"" + token + "\"}").statusCode())
			.isEqualTo(200);
		clock.advance(Duration.ofDays(8));
		jobs.remindDue();
		assertThat(jdbc.sql(
				"select count(*) from invitation_event e join invitation i on i.id = e.invitation_id where i.email = ? and e.kind = 'REMINDED'")
			.param(invitee.email())
			.query(Long.class)
			.single()).as("acceptance stops reminders").isOne();
	}

	@Test
	void aRecipientGetsAtMostFiveInvitationsPerDay() {
		String email = Providers.uniqueEmail("popular");
		for (int i = 0; i < 5; i++) {
			Provider provider = providers.provider("Popular Coaching " + i);
			assertThat(inviteClient(ownerApi(provider), email).statusCode()).isEqualTo(201);
		}
		Provider sixth = providers.provider("Sixth Coaching");
		HttpResponse<String> refused = inviteClient(ownerApi(sixth), email);

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> t.contains("problem+json"));
		assertThat(jdbc.sql("select count(*) from client_record where provider_id = ?")
			.param(sixth.id().value())
			.query(Long.class)
			.single()).as("nothing is stored").isZero();
		// the single send writes its invitation in the round trip that reads the limits:
		// the refusal rolls it back, with its history entry, email and counter
		assertThat(jdbc.sql("select count(*) from invitation where email = ?").param(email).query(Long.class).single())
			.isEqualTo(5);
		assertThat(jdbc.sql("select coalesce(sum(sent), 0) from invitation_send_window where organization_id = ?")
			.param(sixth.id().value())
			.query(Long.class)
			.single()).isZero();
		assertThat(jdbc.sql("select count(*) from email_outbox where recipient = ?")
			.param(email)
			.query(Long.class)
			.single()).isEqualTo(5);
	}

	String clients(String prefix, int count) {
		StringBuilder many = new StringBuilder("{\"invite\":true,\"clients\":[");
		for (int i = 0; i < count; i++) {
			many.append(i == 0 ? "" : ",")
				.append("{\"firstName\":\"S\",\"lastName\":\"Lide\",\"email\":\"")
				.append(Providers.uniqueEmail(prefix + i))
				.append("\"}");
		}
		return many.append("]}").toString();
	}

	@Test
	void theHourlyLimitSlidesWithTheClockInsteadOfResettingOnTheHour() {
		Provider provider = providers.provider("Sliding Coaching");
		RapportClient api = ownerApi(provider);
		Instant now = clock.instant();
		clock.advance(Duration.between(now, now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1))));
		assertThat(api.api("POST", "/api/v1/clients/individuals", clients("first", 30)).statusCode()).isEqualTo(201);

		clock.advance(Duration.ofMinutes(90));
		// half of the previous hour is still within the last sixty minutes: 15 of its 30
		// count
		HttpResponse<String> over = api.api("POST", "/api/v1/clients/individuals", clients("over", 26));
		HttpResponse<String> within = api.api("POST", "/api/v1/clients/individuals", clients("within", 25));

		assertThat(over.statusCode()).isEqualTo(429);
		assertThat(within.statusCode()).isEqualTo(201);
		clock.advance(Duration.ofHours(2));
		assertThat(api.api("POST", "/api/v1/clients/individuals", clients("later", 40)).statusCode())
			.as("two hours later the whole limit is back")
			.isEqualTo(201);
	}

	@Test
	void anOrganizationCannotSendMoreThanItsHourlyLimit() {
		Provider provider = providers.provider("Busy Coaching");
		RapportClient api = ownerApi(provider);
		StringBuilder many = new StringBuilder("{\"invite\":true,\"clients\":[");
		for (int i = 0; i < 41; i++) {
			many.append(i == 0 ? "" : ",")
				.append("{\"firstName\":\"B\",\"lastName\":\"Usy\",\"email\":\"")
				.append(Providers.uniqueEmail("busy" + i))
				.append("\"}");
		}
		HttpResponse<String> refused = api.api("POST", "/api/v1/clients/individuals", many.append("]}").toString());

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(jdbc.sql("select count(*) from invitation where organization_id = ?")
			.param(provider.id().value())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aColleagueInvitationGrantsItsRoleOnAcceptance() {
		Provider provider = providers.provider("Colleague Coaching");
		String email = Providers.uniqueEmail("newcoach");
		HttpResponse<String> sent = ownerApi(provider).api("POST", "/api/v1/organization/invitations",
				"{\"name\":\"New Coach\",\"email\":\"" + email + "\",\"role\":\"COACH\"}");
		assertThat(sent.statusCode()).isEqualTo(201);
		String path = acceptPath(email);
		String token = path.substring(path.indexOf("token=") + 6);
		RapportClient anonymous = new RapportClient(port);
		assertThat(anonymous
			.api("POST", "/api/v1/join/register",
					"{\"token\":\"" + token + "\",\"name\":\"New Coach\",\"password\":\"" + Providers.PASSWORD
							+ "\",\"acceptTerms\":true}")
			.statusCode()).isEqualTo(200);

		assertThat(jdbc.sql(
				"select m.role from membership m join account a on a.id = m.account_id where a.email = ? and m.organization_id = ?")
			.params(email, provider.id().value())
			.query(String.class)
			.single()).isEqualTo("COACH");
	}

	@Test
	void nobodyInvitesAboveTheirOwnRole() {
		Provider provider = providers.provider("Escalation Invite Coaching");
		Person admin = providers.member(provider, OrganizationRole.ADMIN);
		Person coach = providers.member(provider, OrganizationRole.COACH);

		assertThat(
				api(provider, admin)
					.api("POST", "/api/v1/organization/invitations",
							"{\"name\":\"Boss\",\"email\":\"" + Providers.uniqueEmail("boss")
									+ "\",\"role\":\"OWNER\"}")
					.statusCode())
			.isEqualTo(403);
		assertThat(
				api(provider, coach)
					.api("POST", "/api/v1/organization/invitations",
							"{\"name\":\"Peer\",\"email\":\"" + Providers.uniqueEmail("peer")
									+ "\",\"role\":\"COACH\"}")
					.statusCode())
			.isEqualTo(403);
		assertThat(
				api(provider, admin)
					.api("POST", "/api/v1/organization/invitations",
							"{\"name\":\"Helper\",\"email\":\"" + Providers.uniqueEmail("helper")
									+ "\",\"role\":\"ADMIN\"}")
					.statusCode())
			.isEqualTo(201);
	}

	@Test
	void everyInvitationEventIsAudited() {
		Provider provider = providers.provider("Audited Invitations Coaching");
		RapportClient api = ownerApi(provider);
		String email = Providers.uniqueEmail("audited");
		inviteClient(api, email);
		String path = acceptPath(email);
		new RapportClient(port).api("POST", "/api/v1/join/decline",
				"{\"token\":\"" + path.substring(path.indexOf("token=") + 6) + "\"}");

		assertThat(api.api("GET", "/api/v1/audit-events", null).body()).contains("INVITATION_SENT",
				"INVITATION_DECLINED", email);
	}

	@Test
	void lineBreaksInNamesNeverReachAnEmailHeader() {
		Provider provider = providers.provider("Header Coaching");
		HttpResponse<String> response = ownerApi(provider).api("POST", "/api/v1/clients/individuals",
				"{\"invite\":true,\"clients\":[{\"firstName\":\"Eve\\r\\nBcc: victim@example.com\",\"lastName\":\"X\",\"email\":\""
						+ Providers.uniqueEmail("eve") + "\"}]}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(jdbc.sql("select count(*) from email_outbox where subject ~ '[\\r\\n]'").query(Long.class).single())
			.isZero();
	}

	@Test
	void anOrganizationChoosesHowLongItsInvitationsWork() {
		Provider provider = providers.provider("Short Validity Coaching");
		RapportClient api = ownerApi(provider);
		assertThat(api
			.api("PATCH", "/api/v1/organization", "{\"name\":\"Short Validity Coaching\",\"invitationValidityDays\":3}")
			.statusCode()).isEqualTo(200);
		assertThat(api
			.api("PATCH", "/api/v1/organization",
					"{\"name\":\"Short Validity Coaching\",\"invitationValidityDays\":91}")
			.statusCode()).isEqualTo(400);
		String email = Providers.uniqueEmail("short");
		inviteClient(api, email);
		String path = acceptPath(email);

		clock.advance(Duration.ofDays(3).plusMinutes(1));
		assertThat(new RapportClient(port).get(path).statusCode()).isEqualTo(410);
	}

	@Test
	void twoNodesRemindingAtOnceSendEachReminderOnce() throws Exception {
		Provider provider = providers.provider("Parallel Reminder Coaching");
		RapportClient api = ownerApi(provider);
		StringBuilder many = new StringBuilder("{\"invite\":true,\"clients\":[");
		for (int i = 0; i < 30; i++) {
			many.append(i == 0 ? "" : ",")
				.append("{\"firstName\":\"R\",\"lastName\":\"Emind\",\"email\":\"")
				.append(Providers.uniqueEmail("remind" + i))
				.append("\"}");
		}
		assertThat(api.api("POST", "/api/v1/clients/individuals", many.append("]}").toString()).statusCode())
			.isEqualTo(201);
		clock.advance(Duration.ofDays(3).plusMinutes(1));
		java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
		try (java.util.concurrent.ExecutorService nodes = java.util.concurrent.Executors.newFixedThreadPool(2)) {
			var first = nodes.submit(() -> {
				start.await();
				return jobs.remindDue();
			});
			var second = nodes.submit(() -> {
				start.await();
				return jobs.remindDue();
			});
			assertThat(first.get() + second.get()).isEqualTo(30);
		}
		assertThat(jdbc.sql("""
				select count(*) from invitation_event e join invitation i on i.id = e.invitation_id
				where i.organization_id = ? and e.kind = 'REMINDED'""")
			.param(provider.id().value())
			.query(Long.class)
			.single()).isEqualTo(30);
	}

}
