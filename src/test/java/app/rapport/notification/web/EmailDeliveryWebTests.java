package app.rapport.notification.web;

import java.time.Duration;
import java.util.UUID;

import app.rapport.notification.web.People.Person;
import app.rapport.shared.OrganizationId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@Import(People.class)
class EmailDeliveryWebTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	People people;

	@Autowired
	JdbcClient jdbc;

	@Test
	void failedEmailCanBeRetriedByAnAdmin() throws Exception {
		Person admin = people.providerOwner("Hana");
		Person stranger = people.providerOwner("Ivan");
		UUID ours = failedEmail(admin.organization(), "client@example.com");
		UUID theirs = failedEmail(stranger.organization(), "secret-client@example.com");

		mvc.perform(get("/api/v1/emails?status=FAILED").header("Authorization", admin.bearer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(1)))
			.andExpect(jsonPath("$[0].id").value(ours.toString()))
			.andExpect(jsonPath("$[0].lastError").value("ConnectException: Connection refused"))
			.andExpect(jsonPath("$[0].attempts").value(8));
		mvc.perform(get("/settings/emails?status=FAILED").header("Authorization", admin.bearer()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("client@example.com")))
			.andExpect(content().string(containsString("Retry")))
			.andExpect(content().string(not(containsString("secret-client@example.com"))));
		mvc.perform(post("/api/v1/emails/{id}/retry", theirs).header("Authorization", admin.bearer()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/settings/emails/{id}/retry", theirs).header("Authorization", admin.bearer()))
			.andExpect(status().isNotFound());

		mvc.perform(post("/api/v1/emails/{id}/retry", ours).header("Authorization", admin.bearer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("PENDING"))
			.andExpect(jsonPath("$.attempts").value(0));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(statusOf(ours)).isEqualTo("SENT"));
		assertThat(statusOf(theirs)).isEqualTo("FAILED");
		mvc.perform(post("/api/v1/emails/{id}/retry", ours).header("Authorization", admin.bearer()))
			.andExpect(status().isConflict());
	}

	@Test
	void emailDeliveryPageShowsAnEmptyStateForANewOrganization() throws Exception {
		Person admin = people.providerOwner("Jana");
		mvc.perform(get("/settings/emails").header("Authorization", admin.bearer()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("No emails yet.")))
			.andExpect(content().string(containsString("<label class=\"form-label\" for=\"status\">Status</label>")));
	}

	private UUID failedEmail(OrganizationId organization, String recipient) {
		UUID id = UUID.randomUUID();
		jdbc.sql(
				"""
						insert into email_outbox (id, organization_id, recipient, subject, template, model, status, attempts, last_error)
						values (?, ?, ?, 'Your invitation', 'account/verify-email',
						        '{"name":"Kim","verifyUrl":"http://localhost/x","validHours":1,"branding":{"name":"Acme","logoUrl":null,"color":"#123456"}}',
						        'FAILED', 8, 'ConnectException: Connection refused')""")
			.params(id, organization.value(), recipient)
			.update();
		return id;
	}

	private String statusOf(UUID id) {
		return jdbc.sql("select status from email_outbox where id = ?").param(id).query(String.class).single();
	}

}
