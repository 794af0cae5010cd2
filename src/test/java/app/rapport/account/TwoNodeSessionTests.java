package app.rapport.account;

import java.time.Duration;
import java.util.Map;

import app.rapport.Providers;
import app.rapport.Providers.Provider;
import app.rapport.RapportApplication;
import app.rapport.RapportClient;
import app.rapport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two application nodes on one database: sessions live in PostgreSQL, so a person who
 * signs in on one node continues on the other, and signing out on either ends the session
 * everywhere. A change made on one node reaches what the other remembers within moments.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TwoNodeSessionTests {

	static final String DATABASE = "rapport_two_node_sessions";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabases.isolate(registry, DATABASE);
	}

	@LocalServerPort
	int port;

	@Autowired
	Providers providers;

	@Test
	void aPersonSignedInOnOneNodeContinuesOnTheOther() {
		Provider provider = providers.provider("Two Node Coaching");
		try (ConfigurableApplicationContext secondNode = new SpringApplicationBuilder(RapportApplication.class)
			.properties("server.port=0")
			.run(TestDatabases.arguments(DATABASE))) {
			int secondPort = Integer.parseInt(secondNode.getEnvironment().getProperty("local.server.port"));
			RapportClient nodeA = new RapportClient(port);
			nodeA.signIn(provider.ownerEmail(), Providers.PASSWORD);
			RapportClient nodeB = nodeA.onPort(secondPort);

			assertThat(nodeB.get("/app").statusCode()).isEqualTo(200);
			assertThat(nodeB.get("/settings/organization").body()).contains("Two Node Coaching");
			assertThat(nodeB
				.post("/settings/organization", Map.of("name", "Renamed On Node B", "invitationValidityDays", "14"))
				.statusCode()).as("CSRF tokens are in the shared session too").isEqualTo(302);
			// node A remembers who the owner is and hears of the rename through the
			// database's notification
			await().atMost(Duration.ofSeconds(5)).until(() -> nodeA.get("/app").body().contains("Renamed On Node B"));

			nodeB.post("/sign-out", Map.of());
			assertThat(nodeA.get("/app").statusCode()).as("signed out everywhere").isEqualTo(302);
		}
	}

}
