package app.rapport.notification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import app.rapport.RapportApplication;
import app.rapport.shared.EmailAddress;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two application nodes (this test's context and a second one started here) on one
 * database, both dispatching the same outbox: every email must arrive exactly once.
 */
@SpringBootTest(properties = { "spring.mail.host=127.0.0.1", TwoNodeDeliveryTests.BATCH, TwoNodeDeliveryTests.POLL })
class TwoNodeDeliveryTests {

	static final String DATABASE = "rapport_two_nodes";

	// small batches and quick polls make the nodes compete for the same rows
	static final String BATCH = "rapport.mail.batch-size=20";

	static final String POLL = "rapport.mail.poll-interval=10ms";

	static final int EMAILS = 500;

	private static final Logger log = LoggerFactory.getLogger(TwoNodeDeliveryTests.class);

	static final Smtp smtp = new Smtp();

	@Autowired
	Emails emails;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	@BeforeAll
	static void startMailServer() {
		smtp.start();
	}

	@AfterAll
	static void stopMailServer() {
		smtp.stop();
	}

	@org.springframework.test.context.DynamicPropertySource
	static void smtpServer(org.springframework.test.context.DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", () -> smtp.port);
		app.rapport.TestDatabases.isolate(registry, DATABASE);
	}

	@Test
	void twoNodesOnOneDatabaseDeliverEachEmailExactlyOnce() {
		try (ConfigurableApplicationContext secondNode = new SpringApplicationBuilder(RapportApplication.class)
			.properties(BATCH, POLL, "spring.mail.host=127.0.0.1", "spring.mail.port=" + smtp.port, "server.port=0")
			.run(app.rapport.TestDatabases.arguments(DATABASE))) {
			List<Email> batch = new ArrayList<>();
			for (int i = 0; i < EMAILS; i++) {
				batch.add(new Email(new EmailAddress("coachee" + i + "@example.com"), "Invitation " + i,
						"account/verify-email",
						Map.of("name", "Coachee " + i, "verifyUrl", "http://localhost/" + i, "validHours", 48),
						Branding.rapport(), null));
			}
			long started = System.nanoTime();
			Set<UUID> ids = Set.copyOf(transaction.execute(tx -> emails.queueAll(batch)));

			await().atMost(Duration.ofSeconds(60)).until(() -> smtp.received().size() >= EMAILS);
			log.info("{} emails delivered by two nodes in {} ms", EMAILS, (System.nanoTime() - started) / 1_000_000);
			await().during(Duration.ofMillis(500))
				.atMost(Duration.ofSeconds(5))
				.until(() -> smtp.received().size() == EMAILS);

			Map<String, Long> perMessageId = smtp.received()
				.stream()
				.collect(Collectors.groupingBy(Smtp::messageId, Collectors.counting()));
			assertThat(perMessageId).hasSize(EMAILS).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
			assertThat(perMessageId.keySet())
				.isEqualTo(ids.stream().map(id -> "<" + id + "@rapport.localhost>").collect(Collectors.toSet()));
			assertThat(jdbc.sql("select count(*) from email_outbox where status = 'SENT'").query(Long.class).single())
				.isEqualTo(EMAILS);
			double here = meters.counter("rapport.emails.sent").count();
			double there = secondNode.getBean(MeterRegistry.class).counter("rapport.emails.sent").count();
			assertThat(here + there).isEqualTo(EMAILS);
			assertThat(there).as("the second node took part").isPositive();
			assertThat(here).as("this node took part").isPositive();
		}
	}

}
