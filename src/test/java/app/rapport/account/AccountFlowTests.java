package app.rapport.account;

import java.net.http.HttpResponse;
import java.util.Map;

import app.rapport.Providers;
import app.rapport.Providers.Provider;
import app.rapport.RapportClient;
import app.rapport.audit.AuditLog;
import app.rapport.shared.SecretToken;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccountFlowTests {

	@LocalServerPort
	int port;

	@Autowired
	Providers providers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditLog audit;

	RapportClient client() {
		return new RapportClient(port);
	}

	private Map<String, String> signUpForm(String email, String organization) {
		return Map.of("name", "Ana Coach", "email", email, "password", Providers.PASSWORD, "organizationName",
				organization);
	}

	@Test
	void signUpCreatesAProviderWithThePersonAsOwnerAndSendsAVerificationEmail() {
		String email = Providers.uniqueEmail("ana");
		RapportClient ana = client();
		ana.get("/sign-up");
		HttpResponse<String> response = ana.post("/sign-up", signUpForm(email, "Bright Path Coaching"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("Check your inbox");
		assertThat(jdbc.sql("""
				select o.kind || ':' || m.role from account a join membership m on m.account_id = a.id
				join organization o on o.id = m.organization_id where a.email = ?""")
			.param(email)
			.query(String.class)
			.single()).isEqualTo("PROVIDER:OWNER");
		assertThat(providers.lastLink(email, "verifyUrl")).contains("/verify-email?token=");
	}

	@Test
	void aPageAskedForBeforeSigningInOpensRightAfterSigningIn() {
		Provider provider = providers.provider("Saved Request Coaching");
		RapportClient person = client();
		HttpResponse<String> asked = person.get("/clients?q=ana");
		assertThat(asked.statusCode()).isEqualTo(302);
		assertThat(asked.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/sign-in"));

		person.get("/sign-in");
		HttpResponse<String> signedIn = person.post("/sign-in",
				Map.of("email", provider.ownerEmail(), "password", Providers.PASSWORD));
		String location = signedIn.headers().firstValue("Location").orElseThrow();
		assertThat(location).contains("/clients?q=ana").contains("continue");
		HttpResponse<String> resumed = person.get(location.substring(location.indexOf("/clients")));
		assertThat(resumed.statusCode()).isEqualTo(200);
		assertThat(resumed.body()).contains("<h1 class=\"h3 mb-0 me-auto\">Clients</h1>", "value=\"ana\"");
	}

	@Test
	void signUpWithATakenEmailAnswersTheSameAndCreatesNothing() {
		Provider existing = providers.provider("Existing Coaching");
		long organizations = jdbc.sql("select count(*) from organization").query(Long.class).single();
		RapportClient stranger = client();
		stranger.get("/sign-up");
		HttpResponse<String> response = stranger.post("/sign-up",
				signUpForm(existing.ownerEmail().toUpperCase(), "Copycat Coaching"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("Check your inbox").contains(existing.ownerEmail().toUpperCase());
		assertThat(jdbc.sql("select count(*) from organization").query(Long.class).single()).isEqualTo(organizations);
		assertThat(providers.lastLink(existing.ownerEmail(), "signInUrl")).endsWith("/sign-in");
	}

	@Test
	void signUpShowsFieldErrorsAndKeepsWhatWasTyped() {
		RapportClient ana = client();
		ana.get("/sign-up");
		HttpResponse<String> response = ana.post("/sign-up", Map.of("name", "Ana <script>alert(1)</script>", "email",
				"not-an-email", "password", "short", "organizationName", "My business"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("Enter a valid email address")
			.contains("Use at least 10 characters")
			.contains("A name cannot contain")
			.contains("value=\"My business\"")
			.doesNotContain("<script>alert(1)</script>");
	}

	@Test
	void verificationLinkConfirmsTheEmailOnce() {
		String email = Providers.uniqueEmail("vera");
		RapportClient vera = client();
		vera.get("/sign-up");
		vera.post("/sign-up", signUpForm(email, "Vera Coaching"));
		String link = providers.lastLink(email, "verifyUrl");
		String path = link.substring(link.indexOf("/verify-email"));

		assertThat(vera.get(path).headers().firstValue("Location")).hasValueSatisfying(l -> l.contains("/sign-in"));
		assertThat(jdbc.sql("select email_verified_at is not null from account where email = ?")
			.param(email)
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(vera.get(path).body()).contains("no longer works");
	}

	@Test
	void passwordResetWorksOnceAndEndsOtherSessions() {
		Provider provider = providers.provider("Reset Coaching");
		RapportClient laptop = client();
		laptop.signIn(provider.ownerEmail(), Providers.PASSWORD);
		assertThat(laptop.get("/app").statusCode()).isEqualTo(200);

		RapportClient phone = client();
		phone.get("/password/forgot");
		assertThat(phone.post("/password/forgot", Map.of("email", provider.ownerEmail())).body())
			.contains("Check your inbox");
		String link = providers.lastLink(provider.ownerEmail(), "resetUrl");
		String token = link.substring(link.indexOf("token=") + 6);
		assertThat(jdbc.sql("select count(*) from account_token where token_hash = ?")
			.param(token)
			.query(Long.class)
			.single()).as("only the hash is stored").isZero();
		assertThat(jdbc.sql("select count(*) from account_token where token_hash = ?")
			.param(SecretToken.hash(token))
			.query(Long.class)
			.single()).isOne();

		phone.get("/password/reset?token=" + token);
		HttpResponse<String> reset = phone.post("/password/reset",
				Map.of("token", token, "password", "a brand new passphrase"));
		assertThat(reset.headers().firstValue("Location")).hasValueSatisfying(l -> l.endsWith("/sign-in"));

		assertThat(laptop.get("/app").statusCode()).as("old sessions end").isEqualTo(302);
		assertThat(client().signIn(provider.ownerEmail(), Providers.PASSWORD).headers().firstValue("Location"))
			.hasValueSatisfying(l -> l.contains("error"));
		assertThat(client().signIn(provider.ownerEmail(), "a brand new passphrase").headers().firstValue("Location"))
			.hasValueSatisfying(l -> l.endsWith("/app"));
		assertThat(phone.get("/password/reset?token=" + token).body()).contains("no longer works");
	}

	@Test
	void expiredResetLinkNoLongerWorks() {
		Provider provider = providers.provider("Expiry Coaching");
		RapportClient owner = client();
		owner.get("/password/forgot");
		owner.post("/password/forgot", Map.of("email", provider.ownerEmail()));
		String link = providers.lastLink(provider.ownerEmail(), "resetUrl");
		String token = link.substring(link.indexOf("token=") + 6);
		jdbc.sql("update account_token set expires_at = now() - interval '1 second' where token_hash = ?")
			.param(SecretToken.hash(token))
			.update();

		assertThat(owner.get("/password/reset?token=" + token).body()).contains("no longer works");
	}

	@Test
	void forgotPasswordAnswersTheSameForUnknownEmails() {
		RapportClient stranger = client();
		stranger.get("/password/forgot");
		String unknown = Providers.uniqueEmail("nobody");
		HttpResponse<String> response = stranger.post("/password/forgot", Map.of("email", unknown));

		assertThat(response.body()).contains("Check your inbox");
		assertThat(jdbc.sql("select count(*) from email_outbox where recipient = ?")
			.param(unknown)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void signInIsThrottledAfterFiveFailuresEvenWithTheRightPassword() {
		Provider provider = providers.provider("Throttle Coaching");
		for (int i = 0; i < 5; i++) {
			assertThat(client().signIn(provider.ownerEmail(), "wrong password " + i).headers().firstValue("Location"))
				.hasValueSatisfying(l -> l.endsWith("/sign-in?error"));
		}
		HttpResponse<String> throttled = client().signIn(provider.ownerEmail(), Providers.PASSWORD);

		assertThat(throttled.headers().firstValue("Location")).hasValueSatisfying(l -> l.endsWith("?throttled"));
		assertThat(audit.count("SIGN_IN_FAILED", provider.ownerEmail())).isEqualTo(5);
		assertThat(audit.count("SIGN_IN_THROTTLED", provider.ownerEmail())).isEqualTo(1);
	}

	@Test
	void unknownEmailAndWrongPasswordGetTheSameAnswer() {
		Provider provider = providers.provider("Enumeration Coaching");
		HttpResponse<String> wrongPassword = client().signIn(provider.ownerEmail(), "not the password");
		HttpResponse<String> unknownEmail = client().signIn(Providers.uniqueEmail("ghost"), "not the password");

		assertThat(wrongPassword.headers().firstValue("Location"))
			.isEqualTo(unknownEmail.headers().firstValue("Location"));
	}

	@Test
	void signingInChangesTheSessionId() {
		Provider provider = providers.provider("Fixation Coaching");
		RapportClient owner = client();
		owner.get("/sign-in");
		String before = owner.sessionCookie();
		owner.signIn(provider.ownerEmail(), Providers.PASSWORD);

		assertThat(before).isNotNull();
		assertThat(owner.sessionCookie()).isNotNull().isNotEqualTo(before);
	}

	@Test
	void changingThePasswordNeedsTheCurrentOne() {
		Provider provider = providers.provider("Change Coaching");
		RapportClient owner = client();
		owner.signIn(provider.ownerEmail(), Providers.PASSWORD);
		owner.get("/account");

		HttpResponse<String> wrong = owner.post("/account/password",
				Map.of("currentPassword", "not it at all", "newPassword", "another long passphrase"));
		assertThat(wrong.body()).contains("Your current password is not correct.");

		HttpResponse<String> right = owner.post("/account/password",
				Map.of("currentPassword", Providers.PASSWORD, "newPassword", "another long passphrase"));
		assertThat(right.statusCode()).isEqualTo(302);
		assertThat(client().signIn(provider.ownerEmail(), "another long passphrase").headers().firstValue("Location"))
			.hasValueSatisfying(l -> l.endsWith("/app"));
	}

	@Test
	void theSignedInShellShowsTheProductNavigation() {
		Provider provider = providers.provider("Shell Coaching");
		RapportClient owner = client();
		owner.signIn(provider.ownerEmail(), Providers.PASSWORD);
		String page = owner.get("/app").body();

		assertThat(page).contains(">Clients<", ">One-to-One<", ">Manage community<", ">Engagements<", ">Invitations<",
				">Settings<", "/notifications/bell", "Shell Coaching");
	}

}
