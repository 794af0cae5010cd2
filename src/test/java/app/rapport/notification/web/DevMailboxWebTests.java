package app.rapport.notification.web;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import app.rapport.notification.Branding;
import app.rapport.notification.Email;
import app.rapport.notification.Emails;
import app.rapport.shared.EmailAddress;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
class DevMailboxWebTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Emails emails;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	JdbcClient jdbc;

	@Test
	void developerMailboxShowsEachEmailWithItsHtmlPartSandboxed() throws Exception {
		String to = "lena-" + UUID.randomUUID() + "@example.com";
		UUID id = queue(to, "http://localhost:8080/verify-email?token=abc&x=1");

		mvc.perform(get("/dev/mailbox").param("to", to))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Confirm your email address")))
			.andExpect(content().string(containsString("/dev/mailbox/" + id)));
		mvc.perform(get("/dev/mailbox/{id}", id))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(
					"sandbox=\"allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation\"")))
			.andExpect(content().string(containsString("srcdoc=\"")))
			.andExpect(content().string(containsString("&lt;base target=&quot;_top&quot;&gt;")))
			.andExpect(content().string(containsString("Hello Lena,")));
	}

	@Test
	void developerMailboxApiGivesTestsTheLinksOfARecipientsLatestEmails() throws Exception {
		String to = "max-" + UUID.randomUUID() + "@example.com";
		queue(to, "http://localhost:8080/verify-email?token=first");
		queue("someone-else-" + UUID.randomUUID() + "@example.com", "http://localhost:8080/verify-email?token=other");

		mvc.perform(get("/dev/mailbox/api/messages").param("to", to))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(1)))
			.andExpect(jsonPath("$[0].to").value(to))
			.andExpect(jsonPath("$[0].subject").value("Confirm your email address"))
			.andExpect(jsonPath("$[0].text", containsString("Hello Lena,")))
			.andExpect(jsonPath("$[0].links[0]").value("http://localhost:8080/verify-email?token=first"));
	}

	@Test
	void developerMailboxAnswersOnlyRequestsFromThisMachine() throws Exception {
		mvc.perform(get("/dev/mailbox").with(request -> {
			request.setRemoteAddr("203.0.113.7");
			return request;
		})).andExpect(status().isNotFound());
		mvc.perform(get("/dev/mailbox/api/messages").with(request -> {
			request.setRemoteAddr("203.0.113.7");
			return request;
		})).andExpect(status().isNotFound());
	}

	private UUID queue(String to, String link) {
		UUID id = transaction.execute(
				tx -> emails.queue(new Email(new EmailAddress(to), "Confirm your email address", "account/verify-email",
						Map.of("name", "Lena", "verifyUrl", link, "validHours", 48), Branding.rapport(), null)));
		// the developer mailbox transport marks it delivered
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					jdbc.sql("select status from email_outbox where id = ?").param(id).query(String.class).single())
				.isEqualTo("SENT"));
		return id;
	}

}
