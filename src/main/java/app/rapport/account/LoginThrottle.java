package app.rapport.account;

import java.util.List;
import java.util.Locale;

import app.rapport.shared.EmailAddress;
import app.rapport.shared.OrganizationId;

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

	private final AccountRepository accounts;

	private final MembershipDirectory memberships;

	LoginThrottle(JdbcClient jdbc, AccountProperties properties, AuditLog audit, AccountRepository accounts,
			MembershipDirectory memberships) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.memberships = memberships;
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
		String action = throttled ? "SIGN_IN_THROTTLED" : "SIGN_IN_FAILED";
		// Failures against a member's account show in each of their organizations' logs.
		List<OrganizationId> organizations = EmailAddress.isValid(normalized)
				? accounts.findByEmail(new EmailAddress(normalized))
					.map(account -> memberships.organizationsOf(account.id()))
					.orElse(List.of())
				: List.of();
		if (organizations.isEmpty()) {
			audit.record(new AuditEntry(action, null, null, normalized, normalized, null));
		}
		for (OrganizationId organization : organizations) {
			audit.record(new AuditEntry(action, organization, null, normalized, normalized, null));
		}
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
