package app.rapport.invitation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import app.rapport.shared.AccountId;
import app.rapport.shared.EmailAddress;
import app.rapport.shared.OrganizationId;
import app.rapport.shared.OrganizationRole;
import app.rapport.shared.WritesAtCommit;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class InvitationRepository {

	static final String COLUMNS = """
			id, organization_id, purpose, subject_id, email, name, role, status, invited_by, expires_at, created_at,
			last_sent_at, send_count, opened_at, responded_by, responded_at""";

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final WritesAtCommit writesAtCommit;

	InvitationRepository(JdbcClient jdbc, JdbcTemplate batch, WritesAtCommit writesAtCommit) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.writesAtCommit = writesAtCommit;
	}

	record NewInvitation(UUID id, OrganizationId organizationId, InvitationRequest request, String tokenHash,
			AccountId invitedBy, Instant expiresAt, @Nullable Instant firstReminderAt) {
	}

	record Expired(UUID id, UUID organizationId, String email, String purpose) {
	}

	private static final String INSERT = """
			insert into invitation (id, organization_id, purpose, subject_id, email, name, role, token_hash,
			                        invited_by, expires_at, next_reminder_at)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	private static final String INSERT_ONE = "with sent as (" + INSERT + " returning id)"
			+ " insert into invitation_event (invitation_id, kind, actor_id, actor_name)"
			+ " select id, 'SENT', ?, ? from sent";

	/**
	 * Inserts the invitations with their SENT history entries. One invitation (the
	 * everyday case, Create New → Invite) is one statement; many are two batches, which
	 * the driver rewrites into multi-row inserts.
	 */
	void insertAll(List<NewInvitation> invitations, AccountId actor, String actorName) {
		if (invitations.size() == 1) {
			jdbc.sql(INSERT_ONE)
				.params(Stream.concat(Arrays.stream(row(invitations.getFirst())), Stream.of(actor.value(), actorName))
					.toList())
				.update();
			return;
		}
		batch.batchUpdate(INSERT, invitations.stream().map(InvitationRepository::row).toList());
		recordEvents(invitations.stream().map(NewInvitation::id).toList(), "SENT", actor, actorName);
	}

	private static Object[] row(NewInvitation i) {
		return new Object[] { i.id(), i.organizationId().value(), i.request().purpose().name(), i.request().subjectId(),
				i.request().email().value(), i.request().name(),
				i.request().role() == null ? null : i.request().role().name(), i.tokenHash(), i.invitedBy().value(),
				Timestamp.from(i.expiresAt()),
				i.firstReminderAt() == null ? null : Timestamp.from(i.firstReminderAt()) };
	}

	void recordEvents(Collection<UUID> invitationIds, String kind, @Nullable AccountId actor,
			@Nullable String actorName) {
		batch.batchUpdate(
				"insert into invitation_event (invitation_id, kind, actor_id, actor_name) values (?, ?, ?, ?)",
				invitationIds.stream()
					.map(id -> new Object[] { id, kind, actor == null ? null : actor.value(), actorName })
					.toList());
	}

	Optional<Invitation> find(OrganizationId organizationId, InvitationId id) {
		return jdbc.sql("select " + COLUMNS + " from invitation where id = ? and organization_id = ?")
			.params(id.value(), organizationId.value())
			.query(InvitationRepository::map)
			.optional();
	}

	Optional<Invitation> findByTokenHash(String tokenHash) {
		return jdbc.sql("select " + COLUMNS + " from invitation where token_hash = ?")
			.param(tokenHash)
			.query(InvitationRepository::map)
			.optional();
	}

	List<Invitation> forSubject(OrganizationId organizationId, UUID subjectId) {
		return jdbc
			.sql("select " + COLUMNS
					+ " from invitation where organization_id = ? and subject_id = ? order by created_at desc")
			.params(organizationId.value(), subjectId)
			.query(InvitationRepository::map)
			.list();
	}

	List<InvitationEvent> events(UUID invitationId) {
		return jdbc
			.sql("select kind, actor_name, occurred_at from invitation_event where invitation_id = ? order by id")
			.param(invitationId)
			.query((rs, n) -> new InvitationEvent(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
			.list();
	}

	/**
	 * The history entry (its kind is the new status) is written by the same statement.
	 */
	private static final String RESPOND = """
			with done as (
			    update invitation set status = ?, responded_by = ?, responded_at = now(), next_reminder_at = null,
			        inviter_untold = true
			    where token_hash = ? and email = ? and status = 'PENDING' and expires_at > ?
			    returning %1$s),
			event as (
			    insert into invitation_event (invitation_id, kind, actor_id, actor_name)
			    select id, status, responded_by, name from done)
			select %1$s from done""".formatted(COLUMNS);

	/**
	 * Accepts or declines in one statement that only matches a pending, unexpired
	 * invitation for that email, so concurrent requests have one effect.
	 */
	Optional<Invitation> respond(String tokenHash, EmailAddress email, InvitationStatus outcome,
			@Nullable AccountId respondent, Instant now) {
		return jdbc.sql(RESPOND)
			.params(outcome.name(), respondent == null ? null : respondent.value(), tokenHash, email.value(),
					Timestamp.from(now))
			.query(InvitationRepository::map)
			.optional();
	}

	boolean markOpened(UUID id) {
		return jdbc.sql("update invitation set opened_at = now() where id = ? and opened_at is null")
			.param(id)
			.update() == 1;
	}

	/**
	 * Gives the invitation a new token and a new expiry; the old link stops working at
	 * once.
	 */
	boolean renew(OrganizationId organizationId, InvitationId id, String tokenHash, Instant expiresAt,
			@Nullable Instant nextReminderAt) {
		return jdbc.sql("""
				update invitation set token_hash = ?, expires_at = ?, status = 'PENDING', last_sent_at = now(),
				       send_count = send_count + 1, reminders_sent = 0, next_reminder_at = ?
				where id = ? and organization_id = ? and status in ('PENDING', 'EXPIRED')""")
			.params(tokenHash, Timestamp.from(expiresAt),
					nextReminderAt == null ? null : Timestamp.from(nextReminderAt), id.value(), organizationId.value())
			.update() == 1;
	}

	/** Revokes every pending invitation of the organization, returning them. */
	List<Invitation> revokeAllPending(OrganizationId organizationId, AccountId actor) {
		return jdbc
			.sql("""
					update invitation set status = 'REVOKED', responded_by = ?, responded_at = now(), next_reminder_at = null
					where organization_id = ? and status = 'PENDING'
					returning %s"""
				.formatted(COLUMNS))
			.params(actor.value(), organizationId.value())
			.query(InvitationRepository::map)
			.list();
	}

	/** Revokes every pending invitation about one record, returning them. */
	List<Invitation> revokePendingFor(OrganizationId organizationId, UUID subjectId, AccountId actor) {
		return jdbc
			.sql("""
					update invitation set status = 'REVOKED', responded_by = ?, responded_at = now(), next_reminder_at = null
					where organization_id = ? and subject_id = ? and status = 'PENDING'
					returning %s"""
				.formatted(COLUMNS))
			.params(actor.value(), organizationId.value(), subjectId)
			.query(InvitationRepository::map)
			.list();
	}

	/**
	 * The newest pending, unexpired invitations about one record, with who sent them.
	 */
	List<PendingInvitation> pendingFor(OrganizationId organizationId, UUID subjectId, Instant now, int limit) {
		return jdbc.sql("""
				select id, name, email, created_at, last_sent_at, expires_at
				from invitation where subject_id = ? and organization_id = ? and status = 'PENDING' and expires_at > ?
				order by created_at desc limit ?""")
			.params(subjectId, organizationId.value(), Timestamp.from(now), limit)
			.query((rs, n) -> new PendingInvitation(new InvitationId(rs.getObject(1, UUID.class)), rs.getString(2),
					rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(),
					rs.getTimestamp(6).toInstant()))
			.list();
	}

	Set<EmailAddress> pendingEmails(OrganizationId organizationId, UUID subjectId, Collection<EmailAddress> emails,
			Instant now) {
		Set<EmailAddress> pending = new HashSet<>();
		// one address is compared with "=", which PostgreSQL plans once for all requests
		jdbc.sql(emails.size() == 1 ? PENDING_FOR_EMAIL : PENDING_FOR_EMAILS)
			.params(organizationId.value(),
					emails.size() == 1 ? emails.iterator().next().value()
							: emails.stream().map(EmailAddress::value).toArray(String[]::new),
					Timestamp.from(now))
			.query((RowCallbackHandler) rs -> {
				if (subjectId.equals(rs.getObject(2, UUID.class))) {
					pending.add(new EmailAddress(rs.getString(1)));
				}
			});
		return pending;
	}

	/**
	 * The pending invitations of these addresses in the organization, whatever they are
	 * about. The subject is compared by the caller: with it in the statement, the plan
	 * PostgreSQL caches after a few runs read every invitation ever sent into the subject
	 * (a program's thousands) instead of the addresses' few.
	 */
	static final String PENDING_FOR_EMAILS = """
			select email, subject_id from invitation where organization_id = ? and email = any(?)
			  and status = 'PENDING' and expires_at > ?""";

	static final String PENDING_FOR_EMAIL = PENDING_FOR_EMAILS.replace("email = any(?)", "email = ?");

	boolean revoke(OrganizationId organizationId, InvitationId id, AccountId actor) {
		return jdbc
			.sql("""
					update invitation set status = 'REVOKED', responded_by = ?, responded_at = now(), next_reminder_at = null
					where id = ? and organization_id = ? and status = 'PENDING'""")
			.params(actor.value(), id.value(), organizationId.value())
			.update() == 1;
	}

	/**
	 * What the rate limits need, in one query: the invitations the organization sent in
	 * the hour starting at {@code window} and in the hour before it, and how many
	 * invitations each of the recipients received since {@code since} from every
	 * organization (through a function that counts past the tenant wall).
	 */
	private static final String SEND_COUNTS = """
			select w.current_hour, w.previous_hour, r.email, r.received
			from (select coalesce(sum(sent) filter (where window_start = ?), 0) as current_hour,
			             coalesce(sum(sent) filter (where window_start < ?), 0) as previous_hour
			      from invitation_send_window where organization_id = ? and window_start >= ?) w
			left join rapport_invitations_received_since(?, ?) r on true""";

	SendCounts sendCounts(OrganizationId organizationId, Instant window, Collection<EmailAddress> recipients,
			Instant since) {
		return batch.execute(SEND_COUNTS, (PreparedStatementCallback<SendCounts>) statement -> {
			new ArgumentPreparedStatementSetter(sendCountParams(organizationId, window, recipients, since))
				.setValues(statement);
			try (ResultSet rs = statement.executeQuery()) {
				return sendCounts(rs);
			}
		});
	}

	/**
	 * The send counts and, in the same round trip, one invitation with its SENT history
	 * entry (Create New → Invite, the everyday case). PostgreSQL runs the statements in
	 * order, so the counts do not include the new invitation; when they refuse the send,
	 * the caller's exception rolls the insert back with the rest of the transaction.
	 */
	SendCounts sendCountsAndInsert(OrganizationId organizationId, Instant window, Collection<EmailAddress> recipients,
			Instant since, NewInvitation invitation, AccountId actor, String actorName) {
		Object[] params = Stream
			.of(Arrays.stream(sendCountParams(organizationId, window, recipients, since)),
					Arrays.stream(row(invitation)), Stream.of(actor.value(), actorName))
			.flatMap(s -> s)
			.toArray();
		return batch.execute(SEND_COUNTS + ";\n" + INSERT_ONE, (PreparedStatementCallback<SendCounts>) statement -> {
			new ArgumentPreparedStatementSetter(params).setValues(statement);
			statement.execute();
			try (ResultSet rs = statement.getResultSet()) {
				return sendCounts(rs);
			}
		});
	}

	private static Object[] sendCountParams(OrganizationId organizationId, Instant window,
			Collection<EmailAddress> recipients, Instant since) {
		Timestamp current = Timestamp.from(window);
		return new Object[] { current, current, organizationId.value(),
				Timestamp.from(window.minus(Duration.ofHours(1))),
				recipients.stream().map(EmailAddress::value).toArray(String[]::new), Timestamp.from(since) };
	}

	private static SendCounts sendCounts(ResultSet rs) throws SQLException {
		long currentHour = 0;
		long previousHour = 0;
		Map<EmailAddress, Long> received = new HashMap<>();
		while (rs.next()) {
			currentHour = rs.getLong(1);
			previousHour = rs.getLong(2);
			String email = rs.getString(3);
			if (email != null) {
				received.put(new EmailAddress(email), rs.getLong(4));
			}
		}
		return new SendCounts(currentHour, previousHour, received);
	}

	record SendCounts(long currentHour, long previousHour, Map<EmailAddress, Long> receivedByRecipient) {
	}

	/**
	 * Rows of an organization's hourly send counter (the table's check allows 0 to 7).
	 */
	static final int SEND_WINDOW_SHARDS = 8;

	private static final ShardPerThread SHARD = new ShardPerThread(SEND_WINDOW_SHARDS,
			ThreadLocalRandom.current().nextInt(SEND_WINDOW_SHARDS));

	/**
	 * Which counter row a thread writes. Threads take the rows in turn, from a random
	 * start so that several nodes spread over them too: the few request threads of a node
	 * (WorkerThreads) then never queue for one another's row lock. With a random row for
	 * each send, 8 concurrent single invitations waited for one another's commits there:
	 * the upsert took 0.24 ms on average in pg_stat_statements, for a few microseconds of
	 * work.
	 */
	static final class ShardPerThread {

		private final AtomicInteger next;

		private final ThreadLocal<Integer> mine;

		ShardPerThread(int shards, int start) {
			this.next = new AtomicInteger(start);
			this.mine = ThreadLocal.withInitial(() -> Math.floorMod(next.getAndIncrement(), shards));
		}

		int get() {
			return mine.get();
		}

	}

	/**
	 * Counts the sends in this thread's row of the hour's counter, written just before
	 * the commit: a row lock that a parallel send of the organization might queue for is
	 * then held only for the commit.
	 */
	void countSent(OrganizationId organizationId, Instant window, int count) {
		writesAtCommit
			.add("""
					insert into invitation_send_window (organization_id, window_start, shard, sent) values (?, ?, ?, ?)
					on conflict (organization_id, window_start, shard) do update set sent = invitation_send_window.sent + excluded.sent""",
					List.<Object[]>of(
							new Object[] { organizationId.value(), Timestamp.from(window), SHARD.get(), count }));
	}

	int forgetSendWindowsBefore(Instant before) {
		return jdbc.sql("delete from invitation_send_window where window_start < ?")
			.param(Timestamp.from(before))
			.update();
	}

	static Invitation map(ResultSet rs, int row) throws SQLException {
		String role = rs.getString("role");
		UUID subject = rs.getObject("subject_id", UUID.class);
		return new Invitation(new InvitationId(rs.getObject("id", UUID.class)),
				new OrganizationId(rs.getObject("organization_id", UUID.class)),
				InvitationPurpose.valueOf(rs.getString("purpose")), subject, new EmailAddress(rs.getString("email")),
				rs.getString("name"), role == null ? null : OrganizationRole.valueOf(role),
				InvitationStatus.valueOf(rs.getString("status")), new AccountId(rs.getObject("invited_by", UUID.class)),
				instant(rs, "expires_at"), instant(rs, "created_at"), instant(rs, "last_sent_at"),
				rs.getInt("send_count"), instant(rs, "opened_at"),
				rs.getObject("responded_by") == null ? null : new AccountId(rs.getObject("responded_by", UUID.class)),
				instant(rs, "responded_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

}
