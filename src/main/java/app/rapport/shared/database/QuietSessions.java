package app.rapport.shared.database;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Spring Session's JDBC repository with two round trips fewer per page view, and the same
 * data.
 * <ul>
 * <li>Within one request a session is read from the database once. Spring Session's
 * filter commits the session twice (when the response is committed and when the filter
 * ends) and the second commit looks the requested session up again, a second
 * {@code SELECT} of a session the request already holds.</li>
 * <li>The last access time is only moved when it moved by
 * {@link SessionConfiguration#TOUCH_INTERVAL_MILLIS}, so a page view that changes nothing
 * in the session writes nothing (before, the row's {@code UPDATE} was sent and matched no
 * row).</li>
 * </ul>
 * The per-request memory lives only between {@link #beginRequest()} and
 * {@link #endRequest()}, called by a filter around Spring Session's own; outside a
 * request (password resets ending sessions, cleanup) every call reads the database.
 */
final class QuietSessions implements FindByIndexNameSessionRepository<QuietSessions.QuietSession>, DisposableBean {

	private static final Duration TOUCH_INTERVAL = Duration.ofMillis(SessionConfiguration.TOUCH_INTERVAL_MILLIS);

	/**
	 * Spring Session's repository, seen through its interface (its session type is
	 * private).
	 */
	private final FindByIndexNameSessionRepository<Session> sessions;

	private final JdbcIndexedSessionRepository jdbc;

	/** The session the current request found; a holder only while a request runs. */
	private final ThreadLocal<QuietSession[]> found = new ThreadLocal<>();

	@SuppressWarnings("unchecked")
	QuietSessions(JdbcIndexedSessionRepository sessions) {
		this.jdbc = sessions;
		this.sessions = (FindByIndexNameSessionRepository<Session>) (FindByIndexNameSessionRepository<?>) sessions;
	}

	/** Stops the repository's cleanup schedule, as the container would have. */
	@Override
	public void destroy() {
		jdbc.destroy();
	}

	void beginRequest() {
		found.set(new QuietSession[1]);
	}

	void endRequest() {
		found.remove();
	}

	@Override
	public QuietSession createSession() {
		return new QuietSession(sessions.createSession(), true);
	}

	@Override
	public void save(QuietSession session) {
		sessions.save(session.stored());
	}

	@Override
	public @Nullable QuietSession findById(String id) {
		QuietSession held = held(id);
		if (held != null) {
			return held;
		}
		Session stored = sessions.findById(id);
		if (stored == null) {
			return null;
		}
		QuietSession session = new QuietSession(stored, false);
		QuietSession[] holder = found.get();
		if (holder != null) {
			holder[0] = session;
		}
		return session;
	}

	@Override
	public void deleteById(String id) {
		if (held(id) != null) {
			found.get()[0] = null;
		}
		sessions.deleteById(id);
	}

	/** The session with this id that the current request read already, if any. */
	private @Nullable QuietSession held(String id) {
		QuietSession[] holder = found.get();
		return holder != null && holder[0] != null && holder[0].getId().equals(id) ? holder[0] : null;
	}

	@Override
	public Map<String, QuietSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
		Map<String, QuietSession> result = new LinkedHashMap<>();
		sessions.findByIndexNameAndIndexValue(indexName, indexValue)
			.forEach((id, session) -> result.put(id, new QuietSession(session, false)));
		return result;
	}

	/**
	 * A stored session whose last access time moves only by the touch interval or more (a
	 * new session takes every change).
	 */
	static final class QuietSession implements Session {

		private final Session stored;

		private final boolean created;

		QuietSession(Session stored, boolean created) {
			this.stored = stored;
			this.created = created;
		}

		Session stored() {
			return stored;
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			if (created || Duration.between(stored.getLastAccessedTime(), lastAccessedTime)
				.compareTo(TOUCH_INTERVAL) >= 0) {
				stored.setLastAccessedTime(lastAccessedTime);
			}
		}

		@Override
		public String getId() {
			return stored.getId();
		}

		@Override
		public String changeSessionId() {
			return stored.changeSessionId();
		}

		@Override
		public <T> @Nullable T getAttribute(String attributeName) {
			return stored.getAttribute(attributeName);
		}

		@Override
		public Set<String> getAttributeNames() {
			return stored.getAttributeNames();
		}

		@Override
		public void setAttribute(String attributeName, Object attributeValue) {
			stored.setAttribute(attributeName, attributeValue);
		}

		@Override
		public void removeAttribute(String attributeName) {
			stored.removeAttribute(attributeName);
		}

		@Override
		public Instant getCreationTime() {
			return stored.getCreationTime();
		}

		@Override
		public Instant getLastAccessedTime() {
			return stored.getLastAccessedTime();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			stored.setMaxInactiveInterval(interval);
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return stored.getMaxInactiveInterval();
		}

		@Override
		public boolean isExpired() {
			return stored.isExpired();
		}

	}

}
