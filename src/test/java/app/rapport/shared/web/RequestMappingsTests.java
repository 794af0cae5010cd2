package app.rapport.shared.web;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.rapport.Providers;
import app.rapport.Providers.Provider;
import app.rapport.RapportClient;
import app.rapport.account.ApiTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paths with variables find their handlers by testing only the mappings that start like
 * them, and answer as Spring's test of every mapping did: the handler, 405 for a method
 * the path does not take, 404 for no path, and the same handler through a percent-encoded
 * letter. An API request that reaches no handler gets a problem document, a page an error
 * page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RequestMappingsTests {

	@LocalServerPort
	int port;

	@Autowired
	Providers providers;

	@Autowired
	ApiTokens apiTokens;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void theApplicationsMappingsAreFilteredByTheirLiteralBeginningsAndAskedFirst() {
		assertThat(mappings).isInstanceOf(RequestMappings.PrefixFilteredMapping.class);
		assertThat(mappings.getOrder()).as("before the actuator's mappings").isLessThan(-100);
		HttpResponse<String> liveness = new RapportClient(port).get("/actuator/health/liveness");
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(liveness.body()).contains("UP");
		assertThat(new RapportClient(port).get("/actuator/prometheus").body()).contains("http_server_requests_seconds")
			.as("requests are timed, not tracked while they run")
			.doesNotContain("http_server_requests_active");
	}

	@Test
	void pathsWithVariablesAreAnsweredAsBefore() {
		Provider provider = providers.provider("Mapping Coaching");
		RapportClient script = new RapportClient(port)
			.withBearer(apiTokens.create(provider.owner(), provider.id(), "mappings").token());
		HttpResponse<String> created = script.api("POST", "/api/v1/clients/individuals",
				"{\"invite\":false,\"clients\":[{\"firstName\":\"Map\",\"lastName\":\"Ping\",\"email\":\""
						+ Providers.uniqueEmail("mapping") + "\"}]}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		Matcher id = Pattern.compile("\"ids\":\\[\"([0-9a-f-]{36})\"").matcher(created.body());
		assertThat(id.find()).isTrue();
		String client = "/api/v1/clients/" + id.group(1);

		HttpResponse<String> found = script.api("GET", client, null);
		assertThat(found.statusCode()).isEqualTo(200);
		assertThat(found.body()).contains("\"lastName\":\"Ping\"");
		HttpResponse<String> encoded = script.api("GET", client.replace("/clients/", "/c%6Cients/"), null);
		assertThat(encoded.statusCode()).isEqualTo(200);
		assertThat(encoded.body()).isEqualTo(found.body());

		HttpResponse<String> wrongMethod = script.api("PUT", client, "{}");
		assertThat(wrongMethod.statusCode()).isEqualTo(405);
		assertThat(wrongMethod.headers().firstValue("Allow"))
			.hasValueSatisfying(allow -> assertThat(allow).contains("GET", "PATCH"));

		assertThat(wrongMethod.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
		assertThat(wrongMethod.body()).contains("\"status\":405");

		HttpResponse<String> nowhere = script.api("GET", client + "/nowhere", null);
		assertThat(nowhere.statusCode()).isEqualTo(404);
		assertThat(nowhere.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
		assertThat(nowhere.body()).contains("\"status\":404").doesNotContain("timestamp");

		RapportClient browser = new RapportClient(port);
		browser.signIn(provider.ownerEmail(), Providers.PASSWORD);
		HttpResponse<String> noPage = browser.browse("/clients/" + id.group(1) + "/nowhere");
		assertThat(noPage.statusCode()).isEqualTo(404);
		assertThat(noPage.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).contains("text/html"));
	}

	@Test
	void aMappingIsTestedWhenAnyOfItsPatternsCouldStartThePath() {
		assertThat(RequestMappings.PrefixFilteredMapping.literalBeginning("/api/v1/clients/{id}/invitations"))
			.isEqualTo("/api/v1/clients/");
		assertThat(RequestMappings.PrefixFilteredMapping.literalBeginning("/webjars/**")).isEqualTo("/webjars/");
		assertThat(RequestMappings.PrefixFilteredMapping.literalBeginning("/files/report?.csv"))
			.isEqualTo("/files/report");
		assertThat(RequestMappings.PrefixFilteredMapping.literalBeginning("/clients")).isEqualTo("/clients");

		String[] beginnings = { "/api/v1/clients/", "/clients/" };
		assertThat(RequestMappings.PrefixFilteredMapping.mayMatch(beginnings, "/clients/42")).isTrue();
		assertThat(RequestMappings.PrefixFilteredMapping.mayMatch(beginnings, "/api/v1/clients/42/archive")).isTrue();
		assertThat(RequestMappings.PrefixFilteredMapping.mayMatch(beginnings, "/api/v1/community/programs/42"))
			.isFalse();
		assertThat(RequestMappings.PrefixFilteredMapping.mayMatch(beginnings, "/client")).isFalse();
	}

}
