package app.rapport.account;

import java.io.IOException;

import app.rapport.shared.ProblemDocument;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code /api/v1} requests that carry {@code Authorization: Bearer rpt_…}.
 * Such requests are stateless: no session is created and CSRF does not apply, since
 * browsers never add the header by themselves.
 */
class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

	private final ApiTokens tokens;

	ApiTokenAuthenticationFilter(ApiTokens tokens) {
		this.tokens = tokens;
	}

	static boolean hasBearerToken(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (hasBearerToken(request)) {
			String bearer = request.getHeader("Authorization").substring(7).strip();
			var principal = tokens.authenticate(bearer);
			if (principal.isEmpty()) {
				ProblemDocument.write(response, 401, "Unauthorized", "The API token is unknown or revoked.");
				return;
			}
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal.get(), null,
					principal.get().getAuthorities()));
			SecurityContextHolder.setContext(context);
		}
		chain.doFilter(request, response);
	}

}
