package app.rapport.account;

import java.net.http.HttpResponse;
import java.util.List;

import app.rapport.Providers;
import app.rapport.Providers.Provider;
import app.rapport.RapportClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiTests {

	@LocalServerPort
	int port;

	@Autowired
	Providers providers;

	@Autowired
	ApiTokens apiTokens;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Test
	void aBearerTokenActsAsItsOwnerUntilRevoked() {
		Provider provider = providers.provider("Token Coaching");
		ApiTokens.CreatedToken token = apiTokens.create(provider.owner(), provider.id(), "script");
		RapportClient script = new RapportClient(port).withBearer(token.token());

		HttpResponse<String> me = script.api("GET", "/api/v1/me", null);
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).contains(provider.ownerEmail(), "\"role\":\"OWNER\"", "Token Coaching");
		assertThat(me.headers().firstValue("Set-Cookie")).as("token requests are stateless").isEmpty();

		apiTokens.revoke(provider.owner(), token.id());
		HttpResponse<String> revoked = script.api("GET", "/api/v1/me", null);
		assertThat(revoked.statusCode()).isEqualTo(401);
		assertThat(revoked.headers().firstValue("Content-Type")).hasValueSatisfying(t -> t.contains("problem+json"));
	}

	@Test
	void aTokensLastUseIsWrittenShortlyAfterItsFirstRequest() {
		Provider provider = providers.provider("Last Use Coaching");
		ApiTokens.CreatedToken token = apiTokens.create(provider.owner(), provider.id(), "stamped");
		java.util.function.LongSupplier stamped = () -> jdbc
			.sql("select count(*) from api_token where id = ? and last_used_at is not null")
			.param(token.id())
			.query(Long.class)
			.single();
		assertThat(stamped.getAsLong()).as("never used").isZero();

		assertThat(new RapportClient(port).withBearer(token.token()).api("GET", "/api/v1/me", null).statusCode())
			.isEqualTo(200);

		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(stamped.getAsLong()).as("last use written").isEqualTo(1));
	}

	@Test
	void aGuessedTokenIsRefused() {
		HttpResponse<String> response = new RapportClient(port).withBearer("rpt_" + "A".repeat(43))
			.api("GET", "/api/v1/me", null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("\"status\":401");
	}

	@Test
	void withoutCredentialsTheApiAnswers401ProblemJson() {
		HttpResponse<String> response = new RapportClient(port).api("GET", "/api/v1/organization", null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> t.contains("problem+json"));
	}

	@Test
	void malformedJsonAndInvalidFieldsAreProblemDetails() {
		Provider provider = providers.provider("Problem Coaching");
		RapportClient script = new RapportClient(port)
			.withBearer(apiTokens.create(provider.owner(), provider.id(), "script").token());

		HttpResponse<String> malformed = script.api("PATCH", "/api/v1/organization", "{\"name\":");
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.headers().firstValue("Content-Type")).hasValueSatisfying(t -> t.contains("problem+json"));

		HttpResponse<String> blank = script.api("PATCH", "/api/v1/organization", "{\"name\":\"  \"}");
		assertThat(blank.statusCode()).isEqualTo(400);
		assertThat(blank.body()).contains("\"errors\"", "name");

		HttpResponse<String> badRole = script.api("PATCH", "/api/v1/organization/members/" + provider.owner(),
				"{\"role\":\"EMPEROR\"}");
		assertThat(badRole.statusCode()).isEqualTo(400);
	}

	@Test
	void aSessionCallingTheApiNeedsTheCsrfHeaderForChanges() {
		Provider provider = providers.provider("Session Api Coaching");
		RapportClient browser = new RapportClient(port);
		browser.signIn(provider.ownerEmail(), Providers.PASSWORD);

		assertThat(browser.api("GET", "/api/v1/me", null).statusCode()).isEqualTo(200);
		assertThat(browser.api("PATCH", "/api/v1/organization", "{\"name\":\"Renamed by API\"}").statusCode())
			.isEqualTo(200);
		assertThat(browser.postWithoutCsrf("/api/v1/me/api-tokens", java.util.Map.of("name", "x")).statusCode())
			.isEqualTo(403);
	}

	@Test
	void signUpThroughTheApiAnswersAcceptedForNewAndTakenEmails() {
		Provider existing = providers.provider("Api Signup Coaching");
		RapportClient anonymous = new RapportClient(port);
		String fresh = Providers.uniqueEmail("api");
		String body = "{\"name\":\"Api Person\",\"email\":\"%s\",\"password\":\"long enough password\",\"organizationName\":\"Api Co\"}";

		assertThat(anonymous.api("POST", "/api/v1/sign-up", body.formatted(fresh)).statusCode()).isEqualTo(202);
		assertThat(anonymous.api("POST", "/api/v1/sign-up", body.formatted(existing.ownerEmail())).statusCode())
			.isEqualTo(202);
		assertThat(anonymous.api("POST", "/api/v1/sign-up", body.formatted("nope")).statusCode()).isEqualTo(400);
	}

	/**
	 * Every route under /api/v1, read from the handler mappings, is in the OpenAPI
	 * document.
	 */
	@Test
	void theOpenApiDocumentListsEveryApiRoute(
			@Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
		String document = new RapportClient(port).get("/v3/api-docs").body();
		List<String> routes = mappings.getHandlerMethods()
			.keySet()
			.stream()
			.flatMap(info -> info.getPatternValues().stream())
			.filter(pattern -> pattern.startsWith("/api/v1/"))
			.distinct()
			.toList();

		assertThat(routes).hasSizeGreaterThan(40).contains("/api/v1/clients/export");
		assertThat(routes).allSatisfy(route -> assertThat(document).contains("\"" + route + "\""));
		assertThat(document).doesNotContain("\"/clients/export\"");
		// routes answered asynchronously are documented by what they answer, not as
		// futures
		assertThat(document).contains("\"Created\"").doesNotContain("completedExceptionally", "numberOfDependents");
	}

}
