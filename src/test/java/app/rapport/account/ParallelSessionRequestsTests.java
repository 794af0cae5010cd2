package app.rapport.account;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import app.rapport.Providers;
import app.rapport.Providers.Provider;
import app.rapport.RapportClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One browser sending many requests at once (tabs, htmx fragments) must never trip over
 * its own session: the benchmark found duplicate-key failures when parallel requests
 * added the same session attribute.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ParallelSessionRequestsTests {

	@LocalServerPort
	int port;

	@Autowired
	Providers providers;

	@Test
	void parallelRequestsOfOneSessionAllSucceed() throws Exception {
		Provider provider = providers.provider("Parallel Session Coaching");
		List<Integer> statuses = new ArrayList<>();
		for (int round = 0; round < 5; round++) {
			RapportClient browser = new RapportClient(port);
			browser.get("/sign-in");
			browser.post("/sign-in", java.util.Map.of("email", provider.ownerEmail(), "password", Providers.PASSWORD));
			List<Callable<Integer>> requests = new ArrayList<>();
			for (int i = 0; i < 24; i++) {
				String path = i % 3 == 0 ? "/clients" : i % 3 == 1 ? "/notifications/bell" : "/settings/members";
				requests.add(() -> browser.get(path).statusCode());
			}
			try (ExecutorService pool = Executors.newFixedThreadPool(24)) {
				for (Future<Integer> result : pool.invokeAll(requests)) {
					statuses.add(result.get());
				}
			}
		}
		assertThat(statuses).hasSize(120).containsOnly(200);
	}

}
