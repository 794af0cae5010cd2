package app.rapport.notification;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.rapport.shared.EmailAddress;
import app.rapport.shared.OrganizationId;
import app.rapport.shared.Problem;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Delivery through a real SMTP server (GreenMail), on a database of its own so that no
 * other test context's dispatcher takes these emails.
 */
@SpringBootTest(properties = { "spring.mail.host=127.0.0.1", "rapport.mail.poll-interval=50ms",
		"rapport.mail.max-attempts=3", "rapport.mail.backoff-base=100ms", "rapport.mail.backoff-cap=400ms" })
@AutoConfigureMockMvc
class EmailDeliveryTests {

	static final Smtp smtp = new Smtp();

	@Autowired
	Emails emails;

	@Autowired
	EmailDeliveries deliveries;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OutboxDispatcher dispatcher;

	@Autowired
	EmailOutboxRepository outbox;

	@Autowired
	MeterRegistry meters;

	@Autowired
	MockMvc mvc;

	@DynamicPropertySource
	static void smtpServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", () -> smtp.port);
		app.rapport.TestDatabases.isolate(registry, "rapport_smtp");
	}

	@BeforeEach
	void runningMailServer() {
		smtp.stop();
		smtp.start();
	}

	@AfterAll
	static void stopMailServer() {
		smtp.stop();
	}

	@Test
	void queuedEmailArrivesWithHtmlAndTextPartsBrandingAndAStableMessageId() throws Exception {
		OrganizationId acme = new OrganizationId(UUID.randomUUID());
		UUID id = queue(new Email(new EmailAddress("ada@example.com"), "Confirm your email address",
				"account/verify-email",
				Map.of("name", "Ada", "verifyUrl", "http://localhost:8080/verify-email?token=abc", "validHours", 48),
				new Branding("Acme Coaching", null, "#aa3366"), acme));

		await().atMost(Duration.ofSeconds(10)).until(() -> smtp.received().size() == 1);
		MimeMessage message = smtp.received().getFirst();
		assertThat(message.getSubject()).isEqualTo("Confirm your email address");
		assertThat(message.getAllRecipients()).extracting(Object::toString).containsExactly("ada@example.com");
		assertThat(message.getFrom()[0].toString()).contains("no-reply@rapport.localhost");
		assertThat(message.getMessageID()).isEqualTo("<" + id + "@rapport.localhost>");
		assertThat(message.isMimeType("multipart/alternative")).isTrue();
		MimeMultipart parts = (MimeMultipart) message.getContent();
		BodyPart text = parts.getBodyPart(0);
		BodyPart html = parts.getBodyPart(1);
		assertThat(text.isMimeType("text/plain")).isTrue();
		// the text part's signature has a dash outside ASCII, the HTML part is all ASCII
		assertThat(text.getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
		assertThat(html.getHeader("Content-Transfer-Encoding")).containsExactly("7bit");
		assertThat((String) text.getContent()).contains("Hello Ada,", "http://localhost:8080/verify-email?token=abc",
				"— Acme Coaching");
		assertThat(html.isMimeType("text/html")).isTrue();
		assertThat((String) html.getContent()).contains("background:#aa3366", "Acme Coaching",
				"href=\"http://localhost:8080/verify-email?token=abc\"");
		await().untilAsserted(() -> assertThat(statusOf(id)).isEqualTo("SENT"));
		assertThat(jdbc.sql("select sent_at is not null from email_outbox where id = ?")
			.param(id)
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void aPartWithLettersOutsideAsciiIsQuotedPrintableAndArrivesIntact() throws Exception {
		queue(new Email(new EmailAddress("zoe@example.com"), "Confirm your email address", "account/verify-email", Map
			.of("name", "Zoë Ångström", "verifyUrl", "http://localhost:8080/verify-email?token=z", "validHours", 48),
				Branding.rapport(), null));

		await().atMost(Duration.ofSeconds(10)).until(() -> smtp.received().size() == 1);
		BodyPart html = ((MimeMultipart) smtp.received().getFirst().getContent()).getBodyPart(1);
		assertThat(html.getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
		assertThat((String) html.getContent()).contains("Hello <span>Zoë Ångström</span>,");
	}

	@Test
	void anEmailWhoseNodeVanishedOnItsLastAttemptFailsThroughTheLeaseIndex() {
		UUID lastAttempt = abandoned(3);
		UUID earlierAttempt = abandoned(1);

		// the workers take over the email with attempts left, never the other one
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(statusOf(earlierAttempt)).isEqualTo("SENT"));
		assertThat(smtp.received()).extracting(message -> message.getAllRecipients()[0].toString())
			.containsExactly("abandoned1@example.com");
		assertThat(statusOf(lastAttempt)).isEqualTo("SENDING");
		dispatcher.sweepAbandoned();
		assertThat(statusOf(lastAttempt)).isEqualTo("FAILED");
		assertThat(lastErrorOf(lastAttempt)).isEqualTo("Delivery was interrupted (node stopped) on the last attempt");
		// this test's outbox is a few rows, small enough for a scan of the table: the
		// question is which index PostgreSQL takes when it takes one
		List<String> plan = transaction.execute(status -> {
			jdbc.sql("set local enable_seqscan = off").update();
			return jdbc.sql("explain (costs off) " + EmailOutboxRepository.FAIL_ABANDONED.replace("?", "3"))
				.query(String.class)
				.list();
		});
		assertThat(String.join("\n", plan)).contains("email_outbox_lease");
	}

	@Test
	void aNodeWhoseLeaseWasTakenOverCannotRecordTheOutcome() {
		UUID current = claimedElsewhere(2);
		UUID takenOver = claimedElsewhere(3);

		outbox.markSent(List.of(claimed(current, 2), claimed(takenOver, 2)));

		assertThat(statusOf(current)).isEqualTo("SENT");
		assertThat(statusOf(takenOver)).isEqualTo("SENDING");
	}

	/** An email claimed by a node that stopped before recording the outcome. */
	private UUID abandoned(int attempts) {
		return sending(attempts, "now() - interval '1 minute'");
	}

	/** An email another node is sending now, on its given attempt. */
	private UUID claimedElsewhere(int attempts) {
		return sending(attempts, "now() + interval '1 hour'");
	}

	private static EmailOutboxRepository.ClaimedEmail claimed(UUID id, int attempts) {
		return new EmailOutboxRepository.ClaimedEmail(id, "x@example.com", "Welcome", "account/verify-email", "{}",
				attempts);
	}

	private UUID sending(int attempts, String leaseUntil) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into email_outbox (id, recipient, subject, template, model, status, attempts, locked_until)
				values (?, ?, 'Welcome', 'account/verify-email',
				        '{"name": "Friend", "verifyUrl": "http://localhost:8080/verify-email?token=t", "validHours": 48,
				          "branding": {"name": "Rapport", "logoUrl": null, "color": "#3b5bdb"}}',
				        'SENDING', ?, %s)""".formatted(leaseUntil))
			.params(id, "abandoned" + attempts + "@example.com", attempts)
			.update();
		return id;
	}

	@Test
	void emailIsRetriedWhileTheMailServerRefusesAndSentExactlyOnceWhenItAccepts() {
		smtp.stop();
		UUID id = queue(email("grace@example.com", "Welcome"));

		// after the first refused attempt, hold the email back until the server is up
		// again
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql("""
					update email_outbox set next_attempt_at = now() + interval '1 hour'
					where id = ? and status = 'PENDING' and attempts >= 1 and last_error is not null""")
				.param(id)
				.update() == 1);
		assertThat(lastErrorOf(id)).contains("ConnectException");
		smtp.start();
		jdbc.sql("update email_outbox set next_attempt_at = now() where id = ?").param(id).update();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(statusOf(id)).isEqualTo("SENT"));
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> smtp.received().size() == 1);
		assertThat(Smtp.messageId(smtp.received().getFirst())).isEqualTo("<" + id + "@rapport.localhost>");
		// one or two refused attempts happen before the test holds the email back
		assertThat(attemptsOf(id)).isBetween(2, 3);
		assertThat(lastErrorOf(id)).isNull();
	}

	@Test
	void failedEmailIsGivenUpAfterMaxAttemptsAndCanBeRetriedByAnAdminOfItsOrganizationOnly() {
		double failedBefore = meters.counter("rapport.emails.failed").count();
		OrganizationId acme = new OrganizationId(UUID.randomUUID());
		OrganizationId other = new OrganizationId(UUID.randomUUID());
		smtp.stop();
		UUID id = queue(new Email(new EmailAddress("linus@example.com"), "Invitation", "account/verify-email",
				Map.of("name", "Linus", "verifyUrl", "http://localhost/x", "validHours", 1), Branding.rapport(), acme));

		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(statusOf(id)).isEqualTo("FAILED"));
		assertThat(attemptsOf(id)).isEqualTo(3);
		assertThat(lastErrorOf(id)).contains("ConnectException").doesNotContain("\n");
		assertThat(meters.counter("rapport.emails.failed").count()).isEqualTo(failedBefore + 1);
		assertThat(deliveries.page(acme, EmailStatus.FAILED, null, 10)).extracting(EmailDelivery::id)
			.containsExactly(id);
		assertThat(deliveries.page(other, null, null, 10)).isEmpty();

		smtp.start();
		assertThatThrownBy(() -> deliveries.retry(other, id)).isInstanceOfSatisfying(Problem.class,
				problem -> assertThat(problem.status()).isEqualTo(404));
		EmailDelivery retried = deliveries.retry(acme, id);

		assertThat(retried.status()).isEqualTo(EmailStatus.PENDING);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(statusOf(id)).isEqualTo("SENT"));
		assertThat(smtp.received()).hasSize(1);
		assertThatThrownBy(() -> deliveries.retry(acme, id)).isInstanceOfSatisfying(Problem.class,
				problem -> assertThat(problem.status()).isEqualTo(409));
	}

	@Test
	void lineBreaksInASubjectNeverReachAHeader() throws Exception {
		UUID id = queue(email("mary@example.com", "Invoice\r\nBcc: eve@example.com\nX-Evil: yes"));

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(statusOf(id)).isEqualTo("SENT"));
		List<MimeMessage> received = smtp.received();
		assertThat(received).hasSize(1);
		MimeMessage message = received.getFirst();
		assertThat(message.getSubject()).isEqualTo("Invoice Bcc: eve@example.com X-Evil: yes");
		assertThat(message.getHeader("X-Evil")).isNull();
		assertThat(message.getHeader("Bcc")).isNull();
		assertThat(message.getAllRecipients()).extracting(Object::toString).containsExactly("mary@example.com");
		// and the table refuses a subject with a line break from any other writer
		assertThatThrownBy(() -> jdbc
			.sql("""
					insert into email_outbox (id, recipient, subject, template, model)
					values (gen_random_uuid(), 'x@example.com', 'a' || chr(10) || 'Bcc: y', 'account/verify-email', '{}')""")
			.update()).isInstanceOf(DataIntegrityViolationException.class);
	}

	@Test
	void emailWhoseTemplateCannotBeRenderedFailsAtOnce() {
		// the template is broken before the commit (once the outbox row is written, just
		// before the commit), so the dispatcher never sees it intact
		UUID id = transaction.execute(tx -> {
			UUID queued = emails.queue(email("nobody@example.com", "Broken"));
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void beforeCommit(boolean readOnly) {
					jdbc.sql("update email_outbox set template = 'account/no-such-template' where id = ?")
						.param(queued)
						.update();
				}
			});
			return queued;
		});

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(statusOf(id)).isEqualTo("FAILED"));
		assertThat(attemptsOf(id)).isEqualTo(1);
		assertThat(lastErrorOf(id)).isEqualTo("Could not render template account/no-such-template");
		assertThat(smtp.received()).isEmpty();
	}

	@Test
	void developerMailboxIsClosedWhenSmtpIsConfigured() throws Exception {
		mvc.perform(get("/dev/mailbox")).andExpect(status().isNotFound());
		mvc.perform(get("/dev/mailbox/api/messages")).andExpect(status().isNotFound());
	}

	private UUID queue(Email email) {
		return transaction.execute(tx -> emails.queue(email));
	}

	private static Email email(String to, String subject) {
		return new Email(new EmailAddress(to), subject, "account/verify-email",
				Map.of("name", "Friend", "verifyUrl", "http://localhost:8080/verify-email?token=t", "validHours", 48),
				Branding.rapport(), null);
	}

	private String statusOf(UUID id) {
		return jdbc.sql("select status from email_outbox where id = ?").param(id).query(String.class).single();
	}

	private int attemptsOf(UUID id) {
		return jdbc.sql("select attempts from email_outbox where id = ?").param(id).query(Integer.class).single();
	}

	private String lastErrorOf(UUID id) {
		return jdbc.sql("select last_error from email_outbox where id = ?")
			.param(id)
			.query((rs, n) -> rs.getString(1))
			.list()
			.getFirst();
	}

}
