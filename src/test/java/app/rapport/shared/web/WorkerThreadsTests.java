package app.rapport.shared.web;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import app.rapport.RapportClient;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A few threads serve all requests, the others wait their turn; uploads over slow links
 * never take every thread.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WorkerThreadsTests {

	@LocalServerPort
	int port;

	@Autowired
	WebServerApplicationContext context;

	@Autowired
	WorkerProperties properties;

	@Autowired
	UploadGate uploads;

	@Test
	void twoThreadsPerProcessorServeManyMoreConcurrentRequests() throws Exception {
		TomcatWebServer server = (TomcatWebServer) context.getWebServer();
		AbstractProtocol<?> protocol = (AbstractProtocol<?>) server.getTomcat().getConnector().getProtocolHandler();
		assertThat(protocol.getMaxThreads()).isEqualTo(properties.workerThreads())
			.isEqualTo(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
		List<Callable<Integer>> requests = new ArrayList<>();
		for (int i = 0; i < 10 * properties.workerThreads(); i++) {
			requests.add(() -> new RapportClient(port).get("/sign-in").statusCode());
		}
		List<Integer> statuses = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(requests.size())) {
			for (Future<Integer> status : pool.invokeAll(requests)) {
				statuses.add(status.get());
			}
		}
		assertThat(statuses).hasSize(requests.size()).containsOnly(200);
	}

	@Test
	void slowUploadsLeaveThreadsForEveryoneElseAndOneTooManyIsAskedToComeBack() throws Exception {
		List<Socket> slow = new ArrayList<>();
		try {
			for (int i = 0; i < properties.concurrentUploads(); i++) {
				slow.add(startSlowUpload());
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> uploads.free() == 0);

			RapportClient browser = new RapportClient(port);
			assertThat(browser.get("/sign-in").statusCode()).isEqualTo(200);
			HttpResponse<String> refused = browser.upload("/api/v1/clients/imports", "file", "clients.csv", "text/csv",
					"email\nada@example.com\n".getBytes(StandardCharsets.UTF_8));
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("60");
			assertThat(refused.body()).contains("\"status\":503", UploadGate.BUSY);
			HttpResponse<String> page = browser.upload("/clients/import", "file", "clients.csv", "text/csv",
					"email\nada@example.com\n".getBytes(StandardCharsets.UTF_8));
			assertThat(page.statusCode()).isEqualTo(503);
			assertThat(page.body()).contains("<h1 class=\"h3\">Rapport is busy</h1>", UploadGate.BUSY);
		}
		finally {
			for (Socket socket : slow) {
				socket.close();
			}
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> uploads.free() == properties.concurrentUploads());
		HttpResponse<String> later = new RapportClient(port).upload("/api/v1/clients/imports", "file", "clients.csv",
				"text/csv", "email\nada@example.com\n".getBytes(StandardCharsets.UTF_8));
		assertThat(later.statusCode()).as("signed out, the upload reaches the security check").isEqualTo(401);
	}

	/**
	 * An upload whose body stops arriving after its first bytes, as over a very slow
	 * link.
	 */
	private Socket startSlowUpload() throws Exception {
		Socket socket = new Socket("localhost", port);
		OutputStream out = socket.getOutputStream();
		out.write(("POST /clients/import HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: multipart/form-data; boundary=slow\r\nContent-Length: 200000\r\n\r\n"
				+ "--slow\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nemail\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		return socket;
	}

}
