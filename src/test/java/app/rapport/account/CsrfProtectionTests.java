package app.rapport.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.rapport.organization.ProviderSignUp;
import app.rapport.shared.EmailAddress;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Every state-changing page route refuses a request without the CSRF token, every form
 * carries the token, and pages send the security headers. The routes are read from the
 * application's request mappings, so a new controller method is covered without editing
 * this test.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CsrfProtectionTests {

	private static final Set<RequestMethod> STATE_CHANGING = Set.of(RequestMethod.POST, RequestMethod.PUT,
			RequestMethod.PATCH, RequestMethod.DELETE);

	private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>",
			Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	private static final Pattern POST_METHOD = Pattern.compile("\\bmethod\\s*=\\s*\"post\"", Pattern.CASE_INSENSITIVE);

	private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>", Pattern.CASE_INSENSITIVE);

	@Autowired
	private MockMvc mvc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Autowired
	private ProviderSignUp signUp;

	@Autowired
	private RapportUserDetailsService users;

	/** Requests as the signed-in owner of an organization. */
	private RequestPostProcessor signedIn;

	@BeforeEach
	void signedInOwner() {
		String email = "csrf-" + UUID.randomUUID() + "@example.com";
		String password = "long enough secret";
		this.signUp.signUp("Casey Owner", new EmailAddress(email), password, "Casey Coaching");
		this.signedIn = user(this.users.loadUserByUsername(email));
	}

	@Test
	void everyStateChangingPageRouteRefusesARequestWithoutCsrfToken() throws Exception {
		List<Route> routes = stateChangingPageRoutes();
		assertThat(routes).extracting(Route::pattern)
			.as("routes found in the request mappings")
			.contains("/sign-up", "/password/forgot", "/account/password", "/settings/organization");

		SoftAssertions softly = new SoftAssertions();
		for (Route route : routes) {
			int status = this.mvc
				.perform(request(HttpMethod.valueOf(route.method().name()), route.example()).with(this.signedIn)
					.param("name", "Changed"))
				.andReturn()
				.getResponse()
				.getStatus();
			softly.assertThat(status).as("%s %s without a CSRF token", route.method(), route.pattern()).isEqualTo(403);
		}
		softly.assertAll();
	}

	@Test
	void signInAndSignOutRefuseARequestWithoutCsrfToken() throws Exception {
		assertThat(this.mvc.perform(post("/sign-out").with(this.signedIn)).andReturn().getResponse().getStatus())
			.isEqualTo(403);
		assertThat(this.mvc.perform(post("/sign-in").param("email", "a@example.com").param("password", "x"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(403);
		assertThat(this.mvc.perform(get("/account").with(this.signedIn)).andReturn().getResponse().getStatus())
			.as("still signed in after the refused sign-out")
			.isEqualTo(200);
	}

	@Test
	void everyFormThatPostsCarriesTheCsrfToken() throws Exception {
		SoftAssertions softly = new SoftAssertions();
		for (String page : List.of("/sign-up", "/sign-in", "/password/forgot")) {
			assertFormsCarryToken(softly, page, render(page, null));
		}
		for (String page : List.of("/account", "/settings/organization", "/settings/members", "/app")) {
			assertFormsCarryToken(softly, page, render(page, this.signedIn));
		}
		softly.assertAll();
	}

	@Test
	void pagesSendTheSecurityHeaders() throws Exception {
		var response = this.mvc.perform(get("/sign-in")).andReturn().getResponse();
		String policy = response.getHeader("Content-Security-Policy");
		assertThat(policy).isNotNull().contains("frame-ancestors 'none'");
		assertThat(directive(policy, "script-src")).isNotEmpty().doesNotContain("'unsafe-inline'");
		assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
	}

	private String render(String page, RequestPostProcessor signedIn) throws Exception {
		var request = get(page);
		if (signedIn != null) {
			request.with(signedIn);
		}
		var response = this.mvc.perform(request).andReturn().getResponse();
		assertThat(response.getStatus()).as("GET %s", page).isEqualTo(200);
		return response.getContentAsString();
	}

	private static void assertFormsCarryToken(SoftAssertions softly, String page, String html) {
		Matcher form = FORM.matcher(html);
		int posting = 0;
		while (form.find()) {
			if (!POST_METHOD.matcher(form.group(1)).find()) {
				continue;
			}
			posting++;
			softly.assertThat(hasHiddenCsrfInput(form.group(2)))
				.as("form%s on %s carries a hidden _csrf input", form.group(1), page)
				.isTrue();
		}
		softly.assertThat(posting).as("forms that post on %s", page).isPositive();
	}

	private static boolean hasHiddenCsrfInput(String formBody) {
		Matcher input = INPUT.matcher(formBody);
		while (input.find()) {
			String tag = input.group();
			if (tag.contains("name=\"_csrf\"") && tag.contains("type=\"hidden\"")
					&& tag.matches("(?s).*value=\"[^\"]+\".*")) {
				return true;
			}
		}
		return false;
	}

	private static String directive(String policy, String name) {
		for (String directive : policy.split(";")) {
			if (directive.strip().startsWith(name + " ")) {
				return directive.strip();
			}
		}
		return "";
	}

	/** State-changing routes of the Thymeleaf controllers (not the JSON API). */
	private List<Route> stateChangingPageRoutes() {
		List<Route> routes = new ArrayList<>();
		this.mappings.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod handler) -> {
			if (!isPageController(handler)) {
				return;
			}
			for (RequestMethod method : info.getMethodsCondition().getMethods()) {
				if (STATE_CHANGING.contains(method)) {
					for (String pattern : info.getPatternValues()) {
						routes.add(new Route(method, pattern));
					}
				}
			}
		});
		return routes;
	}

	private static boolean isPageController(HandlerMethod handler) {
		return handler.getBeanType().getPackageName().startsWith("app.rapport")
				&& !AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ResponseBody.class)
				&& !handler.hasMethodAnnotation(ResponseBody.class);
	}

	record Route(RequestMethod method, String pattern) {

		/** The pattern with its path variables filled in. */
		String example() {
			return this.pattern.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
		}

	}

}
