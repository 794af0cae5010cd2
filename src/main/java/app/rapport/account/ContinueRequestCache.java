package app.rapport.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * The session request cache (a page asked for before signing in opens after it), which
 * looks for the saved request only when the query string carries its {@code continue}
 * marker. The session cache alone parses every query string on every request to find it,
 * which cost a Clients list request several percent of its time.
 */
class ContinueRequestCache implements RequestCache {

	private final HttpSessionRequestCache sessions = new HttpSessionRequestCache();

	@Override
	public void saveRequest(HttpServletRequest request, HttpServletResponse response) {
		sessions.saveRequest(request, response);
	}

	@Override
	public @Nullable SavedRequest getRequest(HttpServletRequest request, HttpServletResponse response) {
		return sessions.getRequest(request, response);
	}

	@Override
	public @Nullable HttpServletRequest getMatchingRequest(HttpServletRequest request, HttpServletResponse response) {
		String query = request.getQueryString();
		if (query == null || !query.contains("continue")) {
			return null;
		}
		return sessions.getMatchingRequest(request, response);
	}

	@Override
	public void removeRequest(HttpServletRequest request, HttpServletResponse response) {
		sessions.removeRequest(request, response);
	}

}
