package app.rapport.shared.database;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sessions in PostgreSQL: parallel requests of one browser (several tabs, htmx fragments)
 * may add the same session attribute at the same moment, so attributes are written with
 * an upsert instead of a plain insert that would fail on the second request. A page view
 * reads its session once and writes it only when it changed ({@link QuietSessions}).
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

	/**
	 * Puts {@link QuietSessions} in place of the repository Spring Boot configured
	 * (tables, timeout, cleanup and the customizers above), so that Spring Session's
	 * filter and the application use it. Declaring it as a repository bean of its own
	 * would switch Boot's configuration off.
	 */
	@Bean
	static BeanPostProcessor quietSessionRepository() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return bean instanceof JdbcIndexedSessionRepository sessions ? new QuietSessions(sessions) : bean;
			}
		};
	}

	/** Marks the request around Spring Session's filter, for {@link QuietSessions}. */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> quietSessionsRequestScope(
			FindByIndexNameSessionRepository<? extends Session> repository) {
		QuietSessions sessions = (QuietSessions) repository;
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OncePerRequestFilter() {
					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws ServletException, IOException {
						sessions.beginRequest();
						try {
							chain.doFilter(request, response);
						}
						finally {
							sessions.endRequest();
						}
					}
				});
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
		return registration;
	}

}
