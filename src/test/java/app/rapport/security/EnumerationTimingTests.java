package app.rapport.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import app.rapport.Providers;
import app.rapport.Providers.Provider;
import app.rapport.RapportClient;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-up, sign-in, password reset and invitations take about as long, and answer the
 * same, whether or not the email has an account, so responses do not reveal who is
 * registered. Compares medians of interleaved samples; the bound (40 ms) is well below a
 * bcrypt hash here, the cost an unprotected path would skip.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EnumerationTimingTests {

	private static final Logger log = LoggerFactory.getLogger(EnumerationTimingTests.class);

	static final int SAMPLES = 16;

	static final double BOUND_MS = 40;

	@LocalServerPort
	int port;

	@Autowired
	Providers providers;

	@Test
	void responseTimesDoNotRevealWhoHasAnAccount() {
		List<Provider> registered = new ArrayList<>();
		for (int i = 0; i < SAMPLES / 4; i++) {
			registered.add(providers.provider("Timing Coaching " + i));
		}
		RapportClient client = new RapportClient(port);
		client.get("/sign-up");
		List<Double> newSignUps = new ArrayList<>();
		List<Double> takenSignUps = new ArrayList<>();
		List<Double> unknownSignIns = new ArrayList<>();
		List<Double> wrongPasswords = new ArrayList<>();
		List<Double> unknownResets = new ArrayList<>();
		List<Double> knownResets = new ArrayList<>();
		for (int i = 0; i < SAMPLES; i++) {
			String taken = registered.get(i % registered.size()).ownerEmail();
			newSignUps.add(time(() -> client.post("/sign-up", signUp(Providers.uniqueEmail("fresh"))).statusCode()));
			takenSignUps.add(time(() -> client.post("/sign-up", signUp(taken)).statusCode()));
			unknownSignIns
				.add(time(() -> new RapportClient(port).signIn(Providers.uniqueEmail("ghost"), "not the password")
					.statusCode()));
			// four wrong passwords per account stay below the throttling limit of five
			wrongPasswords.add(time(() -> new RapportClient(port).signIn(taken, "not the password").statusCode()));
			unknownResets
				.add(time(() -> client.post("/password/forgot", Map.of("email", Providers.uniqueEmail("nobody")))
					.statusCode()));
			knownResets.add(time(() -> client.post("/password/forgot", Map.of("email", taken)).statusCode()));
		}
		// inviting someone answers the same, as fast, whether or not they have an account
		Provider inviter = providers.provider("Timing Inviter");
		RapportClient api = providers.ownerApi(port, inviter);
		List<Double> newInvites = new ArrayList<>();
		List<Double> knownInvites = new ArrayList<>();
		for (int i = 0; i < SAMPLES; i++) {
			String known = providers.person("Known" + i).email();
			newInvites.add(time(() -> invite(api, Providers.uniqueEmail("stranger"))));
			knownInvites.add(time(() -> invite(api, known)));
		}
		compare("sign-up", newSignUps, takenSignUps);
		compare("sign-in", unknownSignIns, wrongPasswords);
		compare("password reset", unknownResets, knownResets);
		compare("invitation", newInvites, knownInvites);
	}

	private static int invite(RapportClient api, String email) {
		var response = api.api("POST", "/api/v1/clients/individuals",
				"{\"invite\":true,\"clients\":[{\"firstName\":\"Tim\",\"lastName\":\"Ing\",\"email\":\"" + email
						+ "\"}]}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		assertThat(response.body()).doesNotContain("account");
		return response.statusCode();
	}

	private Map<String, String> signUp(String email) {
		return Map.of("name", "Timing Person", "email", email, "password", Providers.PASSWORD, "organizationName",
				"Timing Business");
	}

	private static double time(IntSupplier call) {
		long started = System.nanoTime();
		int status = call.getAsInt();
		assertThat(status).isLessThan(500);
		return (System.nanoTime() - started) / 1_000_000.0;
	}

	private static void compare(String what, List<Double> withoutAccount, List<Double> withAccount) {
		double a = median(withoutAccount);
		double b = median(withAccount);
		log.info("{}: median {} ms without an account, {} ms with one (difference {} ms)", what,
				String.format("%.1f", a), String.format("%.1f", b), String.format("%.1f", Math.abs(a - b)));
		assertThat(Math.abs(a - b)).as(what + " medians %.1f ms vs %.1f ms", a, b).isLessThan(BOUND_MS);
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

}
