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

	static final String MESSAGE = "We cannot reach our database right now. Nothing you saved is lost; "
			+ "please try again in a minute.";

	/**
	 * A page of a list (fifty clients as JSON, or their HTML page) fits, so it leaves in
	 * one write with its length instead of in 8 KB chunks, and an outage that strikes
	 * while it is written can still replace it with the 503.
	 */
	static final int RESPONSE_BUFFER = 32 * 1024;

	/** An asynchronous request's database error reaches its second dispatch. */
	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

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
			PlainAnswers.unavailable(request, response, "10", "Rapport is briefly unavailable", MESSAGE);
		}
	}

}
