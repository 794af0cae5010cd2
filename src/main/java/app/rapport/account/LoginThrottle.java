package app.rapport.account;

import java.util.Locale;

import app.rapport.audit.AuditEntry;
import app.rapport.audit.AuditLog;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Refuses sign-in for an email after repeated failures, and for an address that fails
 * with many emails. The same rule applies whether or not the email has an account, so
 * throttling reveals nothing.
 */
@Component
class LoginThrottle {

	private final JdbcClient jdbc;

	private final AccountProperties properties;

	private final AuditLog audit;

	LoginThrottle(JdbcClient jdbc, AccountProperties properties, AuditLog audit) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.audit = audit;
	}

	@Transactional(readOnly = true)
	boolean isThrottled(String principal, @Nullable String ip) {
		String window = properties.throttleWindow().toSeconds() + " seconds";
		return jdbc.sql("""
				select (select count(*) from login_failure where principal = ? and failed_at > now() - ?::interval) >= ?
				    or (select count(*) from login_failure where ip = ? and failed_at > now() - ?::interval) >= ?""")
			.params(normalize(principal), window, properties.maxFailuresPerEmail(), ip, window,
					properties.maxFailuresPerIp())
			.query(Boolean.class)
			.single();
	}

	@Transactional
	void recordFailure(String principal, @Nullable String ip, boolean throttled) {
		String normalized = normalize(principal);
		jdbc.sql("insert into login_failure (principal, ip) values (?, ?)").params(normalized, ip).update();
		audit.record(new AuditEntry(throttled ? "SIGN_IN_THROTTLED" : "SIGN_IN_FAILED", null, null, normalized,
				normalized, null));
	}

	@Transactional
	void recordSuccess(String principal) {
		jdbc.sql("delete from login_failure where principal = ?").param(normalize(principal)).update();
	}

	private static String normalize(String principal) {
		String value = principal == null ? "" : principal.strip().toLowerCase(Locale.ROOT);
		return value.length() > 254 ? value.substring(0, 254) : value;
	}

}
