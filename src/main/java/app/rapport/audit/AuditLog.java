package app.rapport.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import app.rapport.shared.OrganizationId;
import app.rapport.shared.TenantScope;
import app.rapport.shared.WritesAtCommit;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes and reads the audit log. Writes join the caller's transaction, so an entry
 * exists exactly when the change it describes committed.
 */
@Service
public class AuditLog {

	private static final int MAX_TEXT = 500;

	private static final String INSERT = """
			insert into audit_event (organization_id, actor_id, actor_email, action, target, details, ip)
			values (?, ?, ?, ?, ?, ?, ?)""";

	private final JdbcClient jdbc;

	private final WritesAtCommit writes;

	private final TenantScope tenantScope;

	AuditLog(JdbcClient jdbc, WritesAtCommit writes, TenantScope tenantScope) {
		this.tenantScope = tenantScope;
		this.jdbc = jdbc;
		this.writes = writes;
	}

	/**
	 * Records an entry in the caller's transaction. The entries of one transaction are
	 * written together just before it commits, with the transaction's other
	 * {@link WritesAtCommit}: an invitation, for instance, records the new client and the
	 * invitation in the same round trip as its email.
	 */
	@Transactional
	public void record(AuditEntry entry) {
		writes.add(INSERT, List.<Object[]>of(row(entry, clientIp())));
	}

	/** Records many entries in the caller's transaction (bulk invitations). */
	@Transactional
	public void recordAll(Collection<AuditEntry> entries) {
		String ip = clientIp();
		List<Object[]> rows = new ArrayList<>(entries.size());
		entries.forEach(entry -> rows.add(row(entry, ip)));
		writes.add(INSERT, rows);
	}

	private static Object[] row(AuditEntry entry, @Nullable String ip) {
		return new Object[] { entry.organizationId() == null ? null : entry.organizationId().value(),
				entry.actorId() == null ? null : entry.actorId().value(), clip(entry.actorEmail()), entry.action(),
				clip(entry.target()), clip(entry.details()), ip };
	}

	/**
	 * One page of an organization's log, newest first.
	 * @param before the id of the last entry of the previous page, or null for the first
	 * page
	 */
	@Transactional(readOnly = true)
	public List<AuditEvent> page(OrganizationId organizationId, @Nullable Long before, int size) {
		tenantScope.enter(organizationId);
		return jdbc.sql("""
				select id, occurred_at, actor_email, action, target, details, ip from audit_event
				where organization_id = ? and id < ? order by id desc limit ?""")
			.params(organizationId.value(), before == null ? Long.MAX_VALUE : before, Math.clamp(size, 1, 200))
			.query((rs, n) -> new AuditEvent(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
					rs.getString("actor_email"), rs.getString("action"), rs.getString("target"),
					rs.getString("details"), rs.getString("ip")))
			.list();
	}

	/**
	 * Counts entries with the given action, optionally for one actor email (used by tests
	 * and admin views).
	 */
	@Transactional(readOnly = true)
	public long count(String action, @Nullable String actorEmail) {
		return jdbc.sql("select count(*) from audit_event where action = ? and (?::text is null or actor_email = ?)")
			.params(action, actorEmail, actorEmail)
			.query(Long.class)
			.single();
	}

	private static @Nullable String clip(@Nullable String value) {
		return value == null || value.length() <= MAX_TEXT ? value : value.substring(0, MAX_TEXT);
	}

	private static @Nullable String clientIp() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getRemoteAddr();
		}
		return null;
	}

	/** An entry as shown to organization admins. */
	public record AuditEvent(long id, Instant occurredAt, @Nullable String actorEmail, String action,
			@Nullable String target, @Nullable String details, @Nullable String ip) {
	}

}
