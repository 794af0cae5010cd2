package app.rapport.client.web;

import java.net.http.HttpResponse;

import app.rapport.Providers;
import app.rapport.Providers.Provider;
import app.rapport.RapportClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files far above the limits (100 MB, a million rows) get a clear answer and nothing is
 * stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HugeUploadTests {

	@LocalServerPort
	int port;

	@Autowired
	Providers providers;

	@Autowired
	JdbcClient jdbc;

	/** A million short rows: about 11 MB. */
	static String millionRows() {
		StringBuilder csv = new StringBuilder(12_000_000).append("first name,last name,email\n");
		for (int i = 0; i < 1_000_000; i++) {
			csv.append("A,B,").append(Integer.toString(i, 36)).append("@x.io\n");
		}
		return csv.toString();
	}

	static String multipart(String boundary, String csv) {
		return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"huge.csv\"\r\n"
				+ "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
	}

	long imports(Provider provider) {
		return jdbc.sql("select count(*) from client_import where organization_id = ?")
			.param(provider.id().value())
			.query(Long.class)
			.single();
	}

	@Test
	void aMillionRowsOrAHundredMegabytesAreRefusedClearlyAndNothingIsStored() {
		Provider provider = providers.provider("Huge Upload Coaching");
		RapportClient api = providers.ownerApi(port, provider);
		String million = millionRows();
		HttpResponse<String> body = api.send("POST", "/api/v1/clients/imports", "text/csv", million);
		assertThat(body.statusCode()).isEqualTo(400);
		assertThat(body.body()).contains("more than 10,000 rows");

		// above the 26 MB the server swallows, it answers and closes the connection
		// mid-upload
		String hundredMegabytes = "x".repeat(100 * 1024 * 1024);
		try {
			assertThat(api.send("POST", "/api/v1/clients/imports", "text/csv", hundredMegabytes).statusCode())
				.isEqualTo(400);
		}
		catch (IllegalStateException closedByTheServer) {
			assertThat(closedByTheServer).hasCauseInstanceOf(java.io.IOException.class);
		}

		String justAboveTheUploadLimit = "x".repeat(25 * 1024 * 1024 + 100_000);
		HttpResponse<String> multipartApi = api.send("POST", "/api/v1/clients/imports",
				"multipart/form-data; boundary=huge", multipart("huge", justAboveTheUploadLimit));
		assertThat(multipartApi.statusCode()).isEqualTo(413);
		assertThat(multipartApi.headers().firstValue("Content-Type"))
			.hasValueSatisfying(t -> t.contains("problem+json"));
		assertThat(multipartApi.body()).contains("too large");

		RapportClient page = new RapportClient(port);
		page.signIn(provider.ownerEmail(), Providers.PASSWORD);
		HttpResponse<String> form = page.send("POST", "/clients/import", "multipart/form-data; boundary=huge",
				multipart("huge", justAboveTheUploadLimit));
		assertThat(form.statusCode()).isEqualTo(413);
		assertThat(form.body()).contains("The file is too large").doesNotContain("Exception");

		assertThat(imports(provider)).isZero();
		assertThat(jdbc.sql("select count(*) from client_record where provider_id = ?")
			.param(provider.id().value())
			.query(Long.class)
			.single()).isZero();
	}

}
