package app.rapport.account;

import app.rapport.shared.ProblemDocument;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what. Pages use session sign-in with CSRF protection; {@code /api/v1}
 * accepts the same session (with CSRF) or a bearer API token (stateless, no CSRF).
 * Authorization inside an organization is checked by the application services through
 * {@link app.rapport.shared.CurrentUser}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; font-src 'self' data:; "
			+ "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	static final String LAST_EMAIL_ATTRIBUTE = "rapport.signIn.lastEmail";

	private static final String[] PUBLIC = { "/", "/sign-in", "/sign-up", "/password/forgot", "/password/reset",
			"/verify-email", "/error", "/webjars/**", "/css/**", "/js/**", "/img/**", "/favicon.ico",
			"/actuator/health/**", "/actuator/prometheus", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html",
			"/dev/mailbox/**", "/api/v1/sign-up", "/api/v1/password-resets", "/api/v1/password-resets/confirm",
			"/api/v1/email-verifications", "/join", "/join/register", "/join/decline", "/api/v1/join/lookup",
			"/api/v1/join/register", "/api/v1/join/decline", "/community-logos/**" };

	/**
	 * Public JSON endpoints act on no session (the token or email in the body is the
	 * whole authority) and accept only {@code application/json}, which a cross-site form
	 * cannot send: CSRF tokens add nothing.
	 */
	private static final String[] PUBLIC_API = { "/api/v1/sign-up", "/api/v1/password-resets",
			"/api/v1/password-resets/confirm", "/api/v1/email-verifications", "/api/v1/join/lookup",
			"/api/v1/join/register", "/api/v1/join/decline", "/community-logos/**" };

	/**
	 * Spring Security would otherwise wrap each of its filters in an observation on every
	 * request; the request as a whole is still measured (http.server.requests).
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, RapportUserDetailsService users,
			PasswordEncoder passwordEncoder, LoginThrottle throttle, ApiTokens apiTokens) throws Exception {
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
		passwords.setPasswordEncoder(passwordEncoder);
		RequestMatcher api = request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/");
		RequestMatcher bearer = ApiTokenAuthenticationFilter::hasBearerToken;

		SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler();
		success.setDefaultTargetUrl("/app");

		http.authenticationProvider(new ThrottledAuthenticationProvider(passwords, throttle))
			.addFilterBefore(new ApiTokenAuthenticationFilter(apiTokens), UsernamePasswordAuthenticationFilter.class)
			.authorizeHttpRequests(
					// an asynchronous request's second dispatch only writes the answer of
					// a
					// request authorized on its first
					authorize -> authorize.dispatcherTypeMatchers(DispatcherType.ASYNC)
						.permitAll()
						.requestMatchers(PUBLIC)
						.permitAll()
						.anyRequest()
						.authenticated())
			.formLogin(form -> form.loginPage("/sign-in")
				.loginProcessingUrl("/sign-in")
				.usernameParameter("email")
				.passwordParameter("password")
				.successHandler(success)
				.failureHandler(failureHandler()))
			.logout(logout -> logout.logoutUrl("/sign-out").logoutSuccessUrl("/sign-in?signedOut"))
			.csrf(csrf -> csrf.ignoringRequestMatchers(bearer).ignoringRequestMatchers(PUBLIC_API))
			.sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
			.requestCache(cache -> cache.requestCache(new ContinueRequestCache()))
			.exceptionHandling(exceptions -> exceptions
				.defaultAuthenticationEntryPointFor(problem(401, "Unauthorized", "Sign in or send an API token."), api)
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/sign-in"), request -> true)
				.defaultAccessDeniedHandlerFor(deniedProblem(), api))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.frameOptions(frame -> frame.deny())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.permissionsPolicyHeader(
						permissions -> permissions.policy("camera=(), microphone=(), geolocation=(), payment=()")));
		return http.build();
	}

	private static AuthenticationFailureHandler failureHandler() {
		return (request, response, exception) -> {
			String email = request.getParameter("email");
			if (email != null && email.length() <= 254) {
				request.getSession().setAttribute(LAST_EMAIL_ATTRIBUTE, email);
			}
			response.sendRedirect(request.getContextPath()
					+ (exception instanceof LockedException ? "/sign-in?throttled" : "/sign-in?error"));
		};
	}

	private static AuthenticationEntryPoint problem(int status, String title, String detail) {
		return (request, response, exception) -> ProblemDocument.write(response, status, title, detail);
	}

	private static AccessDeniedHandler deniedProblem() {
		return (request, response, exception) -> ProblemDocument.write(response, 403, "Forbidden",
				csrfFailure(request) ? "The CSRF token is missing or wrong. Reload the page or use an API token."
						: "You are not allowed to do this.");
	}

	private static boolean csrfFailure(HttpServletRequest request) {
		return !"GET".equals(request.getMethod());
	}

}
