package app.rapport.security;

import java.net.http.HttpResponse;

import app.rapport.Providers;
import app.rapport.Providers.Provider;
import app.rapport.RapportClient;
import app.rapport.account.ApiTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Attacks not covered by the flow suites: redirects, content types, markup in emails. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AttackTests {

	@LocalServerPort
	int port;

	@Autowired
	Providers providers;

	@Autowired
	ApiTokens apiTokens;

	@Autowired
	JdbcClient jdbc;

	@Test
	void noParameterTurnsSignInIntoAnOpenRedirect() {
		Provider provider = providers.provider("Redirect Coaching");
		for (String attempt : new String[] { "/sign-in?next=https://evil.example/", "/sign-in?redirect=//evil.example",
				"/sign-in?continue=https%3A%2F%2Fevil.example", "/sign-in?returnTo=https://evil.example" }) {
			RapportClient victim = new RapportClient(port);
			victim.get(attempt);
			HttpResponse<String> signedIn = victim.post(attempt,
					java.util.Map.of("email", provider.ownerEmail(), "password", Providers.PASSWORD));
			assertThat(signedIn.headers().firstValue("Location"))
				.hasValueSatisfying(location -> assertThat(location).doesNotContain("evil.example")
					.startsWith("http://localhost:" + port));
		}
	}

	@Test
	void theApiRefusesWrongContentTypesWithAProblemDocument() {
		Provider provider = providers.provider("Content Type Coaching");
		RapportClient script = new RapportClient(port)
			.withBearer(apiTokens.create(provider.owner(), provider.id(), "script").token());

		HttpResponse<String> response = script.send("POST", "/api/v1/clients/individuals", "text/plain",
				"firstName=Eve");
		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> t.contains("problem+json"));
		HttpResponse<String> xml = script.send("PATCH", "/api/v1/organization", "application/xml",
				"<organization><name>Hacked</name></organization>");
		assertThat(xml.statusCode()).isEqualTo(415);
		assertThat(jdbc.sql("select name from organization where id = ?")
			.param(provider.id().value())
			.query(String.class)
			.single()).isEqualTo("Content Type Coaching");
	}

	@Test
	void markupInTypedTextIsEscapedInEmails() {
		Provider provider = providers.provider("Escape Coaching");
		RapportClient script = new RapportClient(port)
			.withBearer(apiTokens.create(provider.owner(), provider.id(), "script").token());
		String email = Providers.uniqueEmail("amp");
		script.api("POST", "/api/v1/clients/individuals",
				"{\"invite\":true,\"clients\":[{\"firstName\":\"Tom & \\\"Jerry\\\"\",\"lastName\":\"O'Brien\",\"email\":\""
						+ email + "\"}]}");
		String messages = new RapportClient(port).get("/dev/mailbox/api/messages?to=" + email).body();
		java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(messages);
		assertThat(id.find()).isTrue();
		String page = new RapportClient(port).get("/dev/mailbox/" + id.group(1)).body();

		// the HTML part escapes the name (&amp; &quot;), and the page escapes that HTML
		// once more
		assertThat(page).contains("Tom &amp;amp; &amp;quot;Jerry&amp;quot;").doesNotContain("Tom & \"Jerry\"");
		assertThat(jdbc.sql("select model->>'name' from email_outbox where recipient = ?")
			.param(email)
			.query(String.class)
			.single()).isEqualTo("Tom & \"Jerry\" O'Brien");
	}

	@Test
	void quotesAndAmpersandsInClientDetailsAreEscapedOnTheClientsPage() {
		// names and tags refuse < and > (PlainText); quotes and ampersands pass and must
		// not end an attribute or start an entity
		Provider provider = providers.provider("Quote Coaching");
		RapportClient script = new RapportClient(port)
			.withBearer(apiTokens.create(provider.owner(), provider.id(), "script").token());
		HttpResponse<String> created = script.api("POST", "/api/v1/clients/individuals",
				"{\"invite\":false,\"clients\":[{\"firstName\":\"Tom & \\\"Jerry\\\"\",\"lastName\":\"O'Brien\","
						+ "\"email\":\"" + Providers.uniqueEmail("quote") + "\",\"tags\":\"\\\"q\\\"&amp;t\"}]}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		RapportClient browser = new RapportClient(port);
		browser.signIn(provider.ownerEmail(), Providers.PASSWORD);

		// the rows come from a Mustache template (HtmlFragment), which escapes every
		// value
		String page = browser.get("/clients").body();
		assertThat(page).contains(">Tom &amp; &quot;Jerry&quot; O&#39;Brien</a>")
			.contains(">&quot;q&quot;&amp;amp;t</span>")
			.doesNotContain("Tom & \"Jerry\"");
	}

}
