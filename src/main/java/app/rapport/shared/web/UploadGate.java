package app.rapport.shared.web;

import java.io.IOException;
import java.util.concurrent.Semaphore;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets only part of the few {@link WorkerThreads worker threads} read large bodies (CSV
 * imports, logos) at once. Such a body arrives at the speed of the client's network, and
 * the thread that reads it waits meanwhile: without this gate, a handful of uploads over
 * slow links would hold every thread and leave all other requests waiting. An upload
 * beyond the limit is answered 503 at once, with a message to try again.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadGate extends OncePerRequestFilter {

	/** A body above this size may take a while to arrive. */
	static final long LARGE_BODY = 64 * 1024;

	static final String BUSY = "Several files are being uploaded right now. Try again in a minute.";

	private final Semaphore turns;

	UploadGate(WorkerProperties properties) {
		this.turns = new Semaphore(properties.concurrentUploads());
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String contentType = request.getContentType();
		return request.getContentLengthLong() <= LARGE_BODY && request.getHeader("Transfer-Encoding") == null
				&& (contentType == null || !contentType.regionMatches(true, 0, "multipart/", 0, 10));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// no waiting for a turn: a waiting upload would hold a worker thread too
		if (!turns.tryAcquire()) {
			PlainAnswers.unavailable(request, response, "60", "Rapport is busy", BUSY);
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			turns.release();
		}
	}

	/** How many more uploads may start now. */
	int free() {
		return turns.availablePermits();
	}

}
