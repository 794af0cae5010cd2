package app.rapport.shared.database;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * Sessions in PostgreSQL: parallel requests of one browser (several tabs, htmx fragments)
 * may add the same session attribute at the same moment, so attributes are written with
 * an upsert instead of a plain insert that would fail on the second request.
 */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

	/**
	 * How much the last access time must have moved before it is written again, in
	 * milliseconds. Spring Session saves it on every request: a write and a WAL flush per
	 * page view, on a row that parallel requests of one browser queue for. A session may
	 * then expire up to a minute before its eight hours are up.
	 */
	static final long TOUCH_INTERVAL_MILLIS = 60_000;

	/**
	 * The session row is updated only when something other than the access time changed,
	 * or the access time moved by {@link #TOUCH_INTERVAL_MILLIS}. Same parameters, in the
	 * same order, as Spring Session's own statement.
	 */
	static final String UPDATE_SESSION = """
			UPDATE %TABLE_NAME% s SET SESSION_ID = v.session_id, LAST_ACCESS_TIME = v.last_access_time,
			    MAX_INACTIVE_INTERVAL = v.max_inactive_interval, EXPIRY_TIME = v.expiry_time,
			    PRINCIPAL_NAME = v.principal_name
			FROM (SELECT ?::char(36), ?::bigint, ?::int, ?::bigint, ?::varchar(100), ?::char(36))
			    AS v (session_id, last_access_time, max_inactive_interval, expiry_time, principal_name, primary_id)
			WHERE s.PRIMARY_ID = v.primary_id
			  AND (s.SESSION_ID <> v.session_id OR s.MAX_INACTIVE_INTERVAL <> v.max_inactive_interval
			       OR s.PRINCIPAL_NAME IS DISTINCT FROM v.principal_name
			       OR v.last_access_time - s.LAST_ACCESS_TIME >= """ + TOUCH_INTERVAL_MILLIS + ")";

	@Bean
	PostgreSqlJdbcIndexedSessionRepositoryCustomizer postgresSessionUpserts() {
		return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
	}

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionTouchThrottle() {
		return sessions -> sessions.setUpdateSessionQuery(UPDATE_SESSION);
	}

}
