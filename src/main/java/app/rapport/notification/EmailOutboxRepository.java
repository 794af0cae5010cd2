package app.rapport.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code email_outbox} table. Every state change after a claim is guarded by
 * {@code status = 'SENDING' and attempts = ?}: the attempt number works as a fencing
 * token, so a node whose lease expired cannot overwrite the outcome of the node that took
 * the email over.
 */
@Repository
class EmailOutboxRepository {

	/**
	 * Claims due emails in one statement. {@code for update skip locked} lets several
	 * nodes claim at once without waiting for or taking each other's rows; the lease
	 * ({@code locked_until}) hands an email to another node when its claimer died.
	 */
	private static final String CLAIM = """
			with due as (
			    select id from email_outbox
			    where (status = 'PENDING' and next_attempt_at <= now())
			       or (status = 'SENDING' and locked_until < now() and attempts < ?)
			    order by next_attempt_at
			    limit ?
			    for update skip locked)
			update email_outbox e
			set status = 'SENDING', locked_until = now() + ? * interval '1 millisecond', attempts = e.attempts + 1
			from due where e.id = due.id
			returning e.id, e.recipient, e.subject, e.template, e.model::text as model, e.attempts""";

	/** Read through the small partial index of the emails being sent. */
	static final String FAIL_ABANDONED = """
			update email_outbox set status = 'FAILED', locked_until = null,
			    last_error = 'Delivery was interrupted (node stopped) on the last attempt'
			where status = 'SENDING' and locked_until < now() and attempts >= ?""";

	private static final String COLUMNS = """
			id, organization_id, recipient, subject, template, status, attempts, last_error, created_at,
			next_attempt_at, sent_at""";

	private final JdbcClient jdbc;

	EmailOutboxRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<ClaimedEmail> claim(int batchSize, Duration lease, int maxAttempts) {
		return jdbc.sql(CLAIM)
			.params(maxAttempts, batchSize, lease.toMillis())
			.query((rs, n) -> new ClaimedEmail(rs.getObject("id", UUID.class), rs.getString("recipient"),
					rs.getString("subject"), rs.getString("template"), rs.getString("model"), rs.getInt("attempts")))
			.list();
	}

	/**
	 * Gives up on emails whose claimer vanished (lease expired) after the last allowed
	 * attempt: a message that crashes the node must not be retried forever.
	 */
	int failAbandoned(int maxAttempts) {
		return jdbc.sql(FAIL_ABANDONED).param(maxAttempts).update();
	}

	/**
	 * Records a batch as sent in one statement: a statement per email cost PostgreSQL
	 * about as much again as its row's update.
	 */
	void markSent(List<ClaimedEmail> emails) {
		if (emails.isEmpty()) {
			return;
		}
		jdbc.sql("""
				update email_outbox e set status = 'SENT', sent_at = now(), locked_until = null, last_error = null
				from unnest(?::uuid[], ?::int[]) as sent (id, attempts)
				where e.id = sent.id and e.status = 'SENDING' and e.attempts = sent.attempts""")
			.params(emails.stream().map(ClaimedEmail::id).toArray(UUID[]::new),
					emails.stream().map(ClaimedEmail::attempts).toArray(Integer[]::new))
			.update();
	}

	void scheduleRetry(ClaimedEmail email, Duration delay, String error) {
		jdbc.sql("""
				update email_outbox set status = 'PENDING', locked_until = null, last_error = ?,
				    next_attempt_at = now() + ? * interval '1 millisecond'
				where id = ? and status = 'SENDING' and attempts = ?""")
			.params(error, delay.toMillis(), email.id(), email.attempts())
			.update();
	}

	void markFailed(ClaimedEmail email, String error) {
		jdbc.sql("""
				update email_outbox set status = 'FAILED', locked_until = null, last_error = ?
				where id = ? and status = 'SENDING' and attempts = ?""")
			.params(error, email.id(), email.attempts())
			.update();
	}

	/** Puts a failed email back in line with a fresh set of attempts. */
	boolean retry(UUID organizationId, UUID id) {
		return jdbc.sql("""
				update email_outbox set status = 'PENDING', attempts = 0, next_attempt_at = now(), locked_until = null
				where id = ? and organization_id = ? and status = 'FAILED'""").params(id, organizationId).update() == 1;
	}

	Optional<StoredEmail> find(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from email_outbox where id = ?")
			.param(id)
			.query(EmailOutboxRepository::stored)
			.optional();
	}

	/**
	 * A page of one organization's emails, newest first, after the email {@code before}
	 * (keyset paging on {@code (created_at, id)}).
	 */
	List<StoredEmail> pageOfOrganization(UUID organizationId, @Nullable String status, @Nullable UUID before,
			int size) {
		return jdbc.sql("select " + COLUMNS + """
				 from email_outbox e
				where organization_id = :organization
				  and (cast(:status as text) is null or status = :status)
				  and (cast(:before as uuid) is null or (created_at, id) < (
				      select created_at, id from email_outbox where id = :before and organization_id = :organization))
				order by created_at desc, id desc
				limit :size""")
			.param("organization", organizationId)
			.param("status", status)
			.param("before", before)
			.param("size", size)
			.query(EmailOutboxRepository::stored)
			.list();
	}

	/**
	 * A page of every email (the developer mailbox), newest first. A recipient with an
	 * {@code @} matches exactly, anything else is searched as part of the address.
	 */
	List<StoredEmail> pageOfAll(@Nullable String recipient, @Nullable UUID before, int size) {
		String exact = recipient != null && recipient.contains("@") ? recipient : null;
		String part = recipient != null && exact == null ? recipient : null;
		return jdbc.sql("select " + COLUMNS + """
				 from email_outbox e
				where (cast(:exact as text) is null or recipient = :exact)
				  and (cast(:part as text) is null or strpos(recipient, :part) > 0)
				  and (cast(:before as uuid) is null or (created_at, id) < (
				      select created_at, id from email_outbox where id = :before))
				order by created_at desc, id desc
				limit :size""")
			.param("exact", exact)
			.param("part", part)
			.param("before", before)
			.param("size", size)
			.query(EmailOutboxRepository::stored)
			.list();
	}

	Optional<String> modelOf(UUID id) {
		return jdbc.sql("select model::text from email_outbox where id = ?").param(id).query(String.class).optional();
	}

	private static StoredEmail stored(ResultSet rs, int n) throws SQLException {
		return new StoredEmail(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
				rs.getString("recipient"), rs.getString("subject"), rs.getString("template"),
				EmailStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getString("last_error"),
				instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("next_attempt_at")),
				instant(rs.getTimestamp("sent_at")));
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	record ClaimedEmail(UUID id, String recipient, String subject, String template, String model, int attempts) {
	}

	record StoredEmail(UUID id, @Nullable UUID organizationId, String recipient, String subject, String template,
			EmailStatus status, int attempts, @Nullable String lastError, Instant createdAt, Instant nextAttemptAt,
			@Nullable Instant sentAt) {

		EmailDelivery toDelivery() {
			return new EmailDelivery(id, recipient, subject, status, attempts, lastError, createdAt,
					status == EmailStatus.PENDING ? nextAttemptAt : null, sentAt);
		}

	}

}
