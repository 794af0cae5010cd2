package app.rapport.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.rapport.shared.AccountId;
import app.rapport.shared.OrganizationId;
import app.rapport.shared.Problem;
import app.rapport.shared.WritesAtCommit;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * In-app notifications: stored per recipient and shown behind the bell. Reading and
 * marking are always scoped to the recipient: another person's notification is reported
 * as not found.
 */
@Service
public class Notifications {

	public static final int MAX_PAGE_SIZE = 100;

	private static final String COLUMNS = "id, kind, title, body, link, created_at, read_at";

	private final JdbcClient jdbc;

	private final WritesAtCommit writes;

	Notifications(JdbcClient jdbc, WritesAtCommit writes) {
		this.jdbc = jdbc;
		this.writes = writes;
	}

	/**
	 * Notifies one person.
	 * @param link an application-relative path (starting with {@code /}) the notification
	 * opens, or null
	 */
	@Transactional
	public UUID notify(AccountId recipient, @Nullable OrganizationId organizationId, String kind, String title,
			@Nullable String body, @Nullable String link) {
		if (link != null && !isApplicationPath(link)) {
			throw new IllegalArgumentException("notification links are application-relative");
		}
		UUID id = UUID.randomUUID();
		// written with the transaction's other writes, just before it commits
		writes.add("""
				insert into notification (id, recipient_id, organization_id, kind, title, body, link)
				values (?, ?, ?, ?, ?, ?, ?)""", List.<Object[]>of(new Object[] { id, recipient.value(),
				organizationId == null ? null : organizationId.value(), kind, title, body, link }));
		return id;
	}

	/**
	 * Whether a link stays inside the application: a path, never another origin
	 * ({@code //host}, {@code /\host} and schemes are refused).
	 */
	public static boolean isApplicationPath(String link) {
		return link.startsWith("/") && !link.startsWith("//") && !link.contains("\\")
				&& link.chars().noneMatch(Character::isISOControl);
	}

	@Transactional(readOnly = true)
	public long unreadCount(AccountId recipient) {
		return jdbc.sql("select count(*) from notification where recipient_id = ? and read_at is null")
			.param(recipient.value())
			.query(Long.class)
			.single();
	}

	/**
	 * The person's notifications, newest first.
	 * @param before the id of the last notification of the previous page, or null for the
	 * first page
	 */
	@Transactional(readOnly = true)
	public List<Notification> page(AccountId recipient, @Nullable UUID before, int size) {
		return jdbc.sql("select " + COLUMNS + """
				 from notification
				where recipient_id = :recipient
				  and (cast(:before as uuid) is null or (created_at, id) < (
				      select created_at, id from notification where id = :before and recipient_id = :recipient))
				order by created_at desc, id desc
				limit :size""")
			.param("recipient", recipient.value())
			.param("before", before)
			.param("size", Math.clamp(size, 1, MAX_PAGE_SIZE))
			.query(Notifications::notification)
			.list();
	}

	@Transactional(readOnly = true)
	public Optional<Notification> find(AccountId recipient, UUID id) {
		return jdbc.sql("select " + COLUMNS + " from notification where id = ? and recipient_id = ?")
			.params(id, recipient.value())
			.query(Notifications::notification)
			.optional();
	}

	/** Marks one notification read; reading it again keeps the first time. */
	@Transactional
	public Notification markRead(AccountId recipient, UUID id) {
		int updated = jdbc
			.sql("update notification set read_at = coalesce(read_at, now()) where id = ? and recipient_id = ?")
			.params(id, recipient.value())
			.update();
		if (updated == 0) {
			throw Problem.notFound("No such notification.");
		}
		return find(recipient, id).orElseThrow();
	}

	/**
	 * @return how many notifications were unread
	 */
	@Transactional
	public int markAllRead(AccountId recipient) {
		return jdbc.sql("update notification set read_at = now() where recipient_id = ? and read_at is null")
			.param(recipient.value())
			.update();
	}

	private static Notification notification(ResultSet rs, int n) throws SQLException {
		return new Notification(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("title"),
				rs.getString("body"), rs.getString("link"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("read_at") == null ? null : rs.getTimestamp("read_at").toInstant());
	}

}
