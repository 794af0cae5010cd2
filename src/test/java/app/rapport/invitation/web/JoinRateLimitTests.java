package app.rapport.invitation.web;

import app.rapport.RapportClient;
import app.rapport.shared.SecretToken;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "rapport.invitations.max-accept-attempts-per-ip-per-minute=5")
class JoinRateLimitTests {

	@LocalServerPort
	int port;

	@Test
	void guessingInvitationTokensIsRefusedAfterTheLimit() {
		RapportClient guesser = new RapportClient(port);
		for (int i = 0; i < 5; i++) {
			assertThat(guesser.get("/join?token=" + SecretToken.generate().value()).statusCode())
				.as("an unknown token is a dead link")
				.isEqualTo(410);
		}
		assertThat(guesser.get("/join?token=" + SecretToken.generate().value()).statusCode()).isEqualTo(429);
		assertThat(guesser.api("POST", "/api/v1/join/lookup", "{\"token\":\"" + SecretToken.generate().value() + "\"}")
			.statusCode()).as("the API has its own counter").isEqualTo(410);
	}

}
