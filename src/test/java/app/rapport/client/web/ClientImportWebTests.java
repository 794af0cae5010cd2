package app.rapport.client.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import app.rapport.Providers;
import app.rapport.Providers.Provider;
import app.rapport.RapportClient;
import app.rapport.account.ApiTokens;
import app.rapport.shared.OrganizationId;
import app.rapport.shared.OrganizationRole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ClientImportWebTests {

	private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

	private static final Pattern IMPORT_ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

	@LocalServerPort
	int port;

	@Autowired
	Providers providers;

	@Autowired
	ApiTokens apiTokens;

	@Autowired
	JdbcClient jdbc;

	private final HttpClient http = HttpClient.newHttpClient();

	RapportClient signedIn(String email) {
		RapportClient client = new RapportClient(port);
		client.signIn(email, Providers.PASSWORD);
		return client;
	}

	RapportClient api(Provider provider) {
		return new RapportClient(port).withBearer(apiTokens.create(provider.owner(), provider.id(), "import").token());
	}

	/**
	 * Uploads a file through the page's form, as a browser does (multipart, CSRF field).
	 */
	HttpResponse<String> uploadPage(RapportClient client, String fileName, byte[] content) {
		Matcher csrf = CSRF.matcher(client.get("/clients/import").body());
		assertThat(csrf.find()).isTrue();
		String boundary = "----rapport" + UUID.randomUUID();
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf.group(1)
				+ "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: text/csv\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[head.length + content.length + tail.length];
		System.arraycopy(head, 0, body, 0, head.length);
		System.arraycopy(content, 0, body, head.length, content.length);
		System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/clients/import"))
			.header("Cookie", "RAPPORT_SESSION=" + client.sessionCookie())
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build());
	}

	HttpResponse<String> uploadApi(Provider provider, String csv) {
		String token = apiTokens.create(provider.owner(), provider.id(), "upload").token();
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/clients/imports"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "text/csv")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(csv))
			.build());
	}

	HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static String importId(HttpResponse<String> preview) {
		Matcher id = IMPORT_ID.matcher(preview.body());
		assertThat(id.find()).as(preview.body()).isTrue();
		return id.group(1);
	}

	long clients(OrganizationId provider) {
		return jdbc.sql("select count(*) from client_record where provider_id = ?")
			.param(provider.value())
			.query(Long.class)
			.single();
	}

	long invitations(OrganizationId provider) {
		return jdbc.sql("select count(*) from invitation where organization_id = ?")
			.param(provider.value())
			.query(Long.class)
			.single();
	}

	long imports(OrganizationId provider) {
		return jdbc.sql("select count(*) from client_import where organization_id = ?")
			.param(provider.value())
			.query(Long.class)
			.single();
	}

	void existingClient(Provider provider, String email) {
		jdbc.sql("""
				insert into client_record (id, provider_id, kind, status, display_name, first_name, last_name, email,
				                           created_by)
				values (?, ?, 'INDIVIDUAL', 'INTERNAL', 'Eve Existing', 'Eve', 'Existing', ?, ?)""")
			.params(UUID.randomUUID(), provider.id().value(), email, provider.owner().value())
			.update();
	}

	static String mixedFile() {
		return """
				First name,Last name,Email address,Phone,Tags
				Ana,Lopez,ana@example.com,+44 20 7946 0000,leadership;2026
				Eve,Again,eve@example.com,,
				"Chen, Jr.",Li,CHEN@example.com,,vip|board
				Ana,Twice,ana@example.com,,
				Bad,Email,not-an-email,,
				<script>,Hacker,script@example.com,,
				Bell,\u0007Ring,bell@example.com,,
				,Nameless,nameless@example.com,,
				""";
	}

	@Test
	void previewClassifiesEveryRowAsNewDuplicateOrInvalidWithTheReason() {
		Provider provider = providers.provider("Preview Coaching");
		existingClient(provider, "eve@example.com");
		RapportClient owner = signedIn(provider.ownerEmail());

		HttpResponse<String> upload = uploadPage(owner, "clients.csv", mixedFile().getBytes(StandardCharsets.UTF_8));

		assertThat(upload.statusCode()).as(upload.body()).isEqualTo(302);
		String location = upload.headers().firstValue("Location").orElseThrow();
		String page = owner.get(location.substring(location.indexOf("/clients/import/"))).body();
		assertThat(page).contains("2 new", "2 duplicate", "4 invalid", "clients.csv")
			.contains("eve@example.com is already your client Eve Existing.")
			.contains("ana@example.com appears earlier in the file (line 2).")
			.contains("Enter a valid email address")
			.contains("cannot contain &lt; or &gt;")
			.contains("cannot contain line breaks, control or invisible characters")
			.contains("Enter a first name.")
			.contains("Import as internal records", "Invite all valid rows")
			.doesNotContain("<script>,");
		assertThat(clients(provider.id())).isEqualTo(1);

		HttpResponse<String> preview = uploadApi(provider, mixedFile());
		assertThat(preview.statusCode()).isEqualTo(201);
		assertThat(preview.body()).contains("\"newCount\":2", "\"duplicateCount\":2", "\"invalidCount\":4",
				"\"email\":\"chen@example.com\"", "\"tags\":[\"vip\",\"board\"]");
	}

	@Test
	void committingImportsExactlyTheNewRowsAsInternalRecordsOnce() {
		Provider provider = providers.provider("Commit Coaching");
		existingClient(provider, "eve@example.com");
		RapportClient owner = signedIn(provider.ownerEmail());
		String location = uploadPage(owner, "clients.csv", mixedFile().getBytes(StandardCharsets.UTF_8)).headers()
			.firstValue("Location")
			.orElseThrow();
		String path = location.substring(location.indexOf("/clients/import/"));
		owner.get(path);

		HttpResponse<String> commit = owner.post(path + "/commit", Map.of("invite", "false"));

		assertThat(commit.statusCode()).isEqualTo(302);
		assertThat(owner.get(path).body()).contains("Imported 2 clients", "Go to the Clients page");
		assertThat(jdbc
			.sql("select email || ':' || status || ':' || array_to_string(tags, '+') from client_record "
					+ "where provider_id = ? and created_by = ? and display_name <> 'Eve Existing' order by email")
			.params(provider.id().value(), provider.owner().value())
			.query(String.class)
			.list()).containsExactly("ana@example.com:INTERNAL:leadership+2026", "chen@example.com:INTERNAL:vip+board");
		assertThat(invitations(provider.id())).isZero();
		HttpResponse<String> again = api(provider).api("POST",
				"/api/v1/clients/imports/" + path.substring(16) + "/commit?invite=false", null);
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(clients(provider.id())).isEqualTo(3);
	}

	@Test
	void invitingFromTheProgressFormSwapsInTheResultAndSendsOneInvitationPerNewRow() {
		Provider provider = providers.provider("Invite Import Coaching");
		RapportClient owner = signedIn(provider.ownerEmail());
		String location = uploadPage(owner, "people.csv",
				"Ana,Lopez,ana@example.com\nBen,Ode,ben@example.com\n".getBytes(StandardCharsets.UTF_8))
			.headers()
			.firstValue("Location")
			.orElseThrow();
		String path = location.substring(location.indexOf("/clients/import/"));
		String page = owner.get(path).body();
		assertThat(page).contains("hx-post=\"" + path + "/commit\"", "hx-indicator=\"#import-progress\"");

		Matcher csrf = CSRF.matcher(page);
		assertThat(csrf.find()).isTrue();
		HttpResponse<String> fragment = send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + path + "/commit"))
					.header("Cookie", "RAPPORT_SESSION=" + owner.sessionCookie())
					.header("HX-Request", "true")
					.header("X-CSRF-TOKEN", csrf.group(1))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("invite=true"))
					.build());

		assertThat(fragment.statusCode()).isEqualTo(200);
		assertThat(fragment.body()).contains("Imported 2 clients", "sent an invitation", "hx-swap-oob")
			.doesNotContain("<html");
		assertThat(invitations(provider.id())).isEqualTo(2);
		assertThat(jdbc.sql("select count(*) from client_record where provider_id = ? and status = 'INVITED'")
			.param(provider.id().value())
			.query(Long.class)
			.single()).isEqualTo(2);
		assertThat(providers.lastLink("ben@example.com", "acceptUrl")).contains("/join?token=");
	}

	@Test
	void whenInvitationsAreRefusedNothingIsStored() {
		Provider provider = providers.provider("Unverified Import Coaching");
		jdbc.sql("update account set email_verified_at = null where id = ?").param(provider.owner().value()).update();
		String id = importId(uploadApi(provider, "Ana,Lopez,ana@example.com\nBen,Ode,ben@example.com\n"));

		HttpResponse<String> refused = api(provider).api("POST",
				"/api/v1/clients/imports/" + id + "/commit?invite=true", null);

		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(refused.body()).contains("confirmed their email");
		assertThat(clients(provider.id())).isZero();
		assertThat(invitations(provider.id())).isZero();
		assertThat(jdbc.sql("select committed_at is null from client_import where id = ?::uuid")
			.param(id)
			.query(Boolean.class)
			.single()).isTrue();
		HttpResponse<String> internal = api(provider).api("POST",
				"/api/v1/clients/imports/" + id + "/commit?invite=false", null);
		assertThat(internal.statusCode()).isEqualTo(200);
		assertThat(internal.body()).contains("\"imported\":2", "\"invited\":0");
	}

	@Test
	void tenThousandRowsAreImportedAndInvitedInOneCommit() {
		Provider internal = providers.provider("Big Internal Coaching");
		Provider invited = providers.provider("Big Invite Coaching");
		StringBuilder csv = new StringBuilder("first_name,last_name,email,phone,tags\n");
		IntStream.range(0, 10_000)
			.forEach(i -> csv.append("Client,Number")
				.append(i)
				.append(",client")
				.append(i)
				.append("@big.example.com,+1 555 0100,imported;batch\n"));

		long start = System.nanoTime();
		HttpResponse<String> preview = uploadApi(internal, csv.toString());
		long previewed = System.nanoTime();
		HttpResponse<String> commit = api(internal).api("POST",
				"/api/v1/clients/imports/" + importId(preview) + "/commit?invite=false", null);
		long committed = System.nanoTime();
		HttpResponse<String> invitePreview = uploadApi(invited, csv.toString());
		long invitePreviewed = System.nanoTime();
		HttpResponse<String> inviteCommit = api(invited).api("POST",
				"/api/v1/clients/imports/" + importId(invitePreview) + "/commit?invite=true", null);
		long inviteCommitted = System.nanoTime();

		assertThat(preview.body()).contains("\"newCount\":10000", "\"invalidCount\":0");
		assertThat(commit.body()).contains("\"imported\":10000");
		assertThat(inviteCommit.statusCode()).as(inviteCommit.body()).isEqualTo(200);
		assertThat(inviteCommit.body()).contains("\"imported\":10000", "\"invited\":10000");
		assertThat(clients(internal.id())).isEqualTo(10_000);
		assertThat(clients(invited.id())).isEqualTo(10_000);
		assertThat(invitations(invited.id())).isEqualTo(10_000);
		System.out.printf(
				"10,000-row import: preview %d ms, commit as internal records %d ms; preview %d ms, commit with invitations %d ms%n",
				(previewed - start) / 1_000_000, (committed - previewed) / 1_000_000,
				(invitePreviewed - committed) / 1_000_000, (inviteCommitted - invitePreviewed) / 1_000_000);
	}

	@Test
	void filesOverTheLimitsAreRefusedAndNothingIsStored() {
		Provider provider = providers.provider("Limits Coaching");
		RapportClient owner = signedIn(provider.ownerEmail());
		StringBuilder tooMany = new StringBuilder("First name,Last name,Email\n");
		IntStream.range(0, 10_001).forEach(i -> tooMany.append("A,B,a").append(i).append("@example.com\n"));
		byte[] tooLarge = ("First name,Last name,Email\n" + "A,B,a@example.com,,\"" + "x".repeat(5 * 1024 * 1024)
				+ "\"\n")
			.getBytes(StandardCharsets.UTF_8);

		HttpResponse<String> rows = uploadPage(owner, "many.csv", tooMany.toString().getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> size = uploadPage(owner, "large.csv", tooLarge);
		HttpResponse<String> apiRows = uploadApi(provider, tooMany.toString());
		HttpResponse<String> latin1 = uploadPage(owner, "latin1.csv",
				"Zoë,Ünal,zoe@example.com\n".getBytes(StandardCharsets.ISO_8859_1));

		assertThat(rows.statusCode()).isEqualTo(400);
		assertThat(rows.body()).contains("more than 10,000 rows").contains("for=\"file\"");
		assertThat(size.statusCode()).isEqualTo(400);
		assertThat(size.body()).contains("larger than 5 MB");
		assertThat(apiRows.statusCode()).isEqualTo(400);
		assertThat(apiRows.body()).contains("more than 10,000 rows");
		assertThat(latin1.statusCode()).isEqualTo(400);
		assertThat(latin1.body()).contains("not UTF-8");
		assertThat(imports(provider.id())).isZero();
		assertThat(clients(provider.id())).isZero();
	}

	@Test
	void anotherOrganizationOrAnotherAdminCannotSeeOrCommitSomeonesImport() {
		Provider provider = providers.provider("Owner Import Coaching");
		Provider stranger = providers.provider("Stranger Coaching");
		String id = importId(uploadApi(provider, "Ana,Lopez,ana@example.com\n"));
		Providers.Person admin = providers.member(provider, OrganizationRole.ADMIN);

		assertThat(
				api(stranger).api("POST", "/api/v1/clients/imports/" + id + "/commit?invite=false", null).statusCode())
			.isEqualTo(404);
		assertThat(api(stranger).api("GET", "/api/v1/clients/imports/" + id, null).statusCode()).isEqualTo(404);
		RapportClient strangerPage = signedIn(stranger.ownerEmail());
		assertThat(strangerPage.get("/clients/import/" + id).statusCode()).isEqualTo(404);
		assertThat(strangerPage.post("/clients/import/" + id + "/commit", Map.of("invite", "false")).statusCode())
			.isEqualTo(404);
		assertThat(signedIn(admin.email()).get("/clients/import/" + id).statusCode()).isEqualTo(404);
		assertThat(clients(provider.id())).isZero();
		assertThat(clients(stranger.id())).isZero();
	}

	@Test
	void coachesCannotImport() {
		Provider provider = providers.provider("Coach Import Coaching");
		Providers.Person coach = providers.member(provider, OrganizationRole.COACH);
		RapportClient page = signedIn(coach.email());

		assertThat(page.get("/clients/import").statusCode()).isEqualTo(403);
		assertThat(signedIn(provider.ownerEmail()).get("/clients/import").body())
			.contains("<label class=\"form-label\" for=\"file\">CSV file</label>", "at most 5 MB and 10,000 rows");
	}

}
