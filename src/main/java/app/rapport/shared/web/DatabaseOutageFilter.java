package app.rapport.shared.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While PostgreSQL cannot be reached, answers every request with a clear 503 (a problem
 * document for the API, a short page otherwise) instead of a stack trace, whichever layer
 * hit the outage (session loading, security, a controller). Connections come back by
 * themselves once the database is up again.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class DatabaseOutageFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

	private static final String PAGE = page("Rapport is briefly unavailable",
			"We cannot reach our database right now. Nothing you saved is lost; please try again in a minute.");

	/** A short page of its own, for when the application cannot render its templates. */
	static String page(String title, String message) {
		return """
				<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1"><title>%s</title>
				<link rel="stylesheet" href="/webjars/bootstrap/dist/css/bootstrap.min.css"></head>
				<body class="bg-light"><main class="container py-5" style="max-width:40rem">
				<h1 class="h3">%s</h1>
				<p>%s</p>
				<a class="btn btn-primary" href="">Try again</a></main></body></html>""".formatted(title, title,
				message);
	}

	/**
	 * A page of a list (fifty clients as JSON, or their HTML page) fits, so it leaves in
	 * one write with its length instead of in 8 KB chunks, and an outage that strikes
	 * while it is written can still replace it with the 503.
	 */
	static final int RESPONSE_BUFFER = 32 * 1024;

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setBufferSize(RESPONSE_BUFFER);
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			if (!DatabaseOutage.isCause(ex) || response.isCommitted()) {
				throw ex;
			}
			log.warn("Database unavailable: {} {} answered 503 ({})", request.getMethod(), request.getRequestURI(),
					ex.getMessage());
			response.reset();
			response.setStatus(503);
			response.setHeader("Retry-After", "10");
			response.setCharacterEncoding("UTF-8");
			if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
				response.setContentType("application/problem+json");
				response.getWriter()
					.write("{\"type\":\"about:blank\",\"title\":\"Service unavailable\",\"status\":503,"
							+ "\"detail\":\"The database cannot be reached right now. Try again in a minute.\"}");
			}
			else {
				response.setContentType("text/html");
				response.getWriter().write(PAGE);
			}
		}
	}

}
