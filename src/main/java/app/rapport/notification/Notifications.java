package app.rapport.notification;

import java.util.UUID;

import app.rapport.shared.AccountId;
import app.rapport.shared.OrganizationId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** In-app notifications: stored per recipient and shown behind the bell. */
@Service
public class Notifications {

	private final JdbcClient jdbc;

	Notifications(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Notifies one person.
	 * @param link an application-relative path (starting with {@code /}) the notification
	 * opens, or null
	 */
	@Transactional
	public UUID notify(AccountId recipient, @Nullable OrganizationId organizationId, String kind, String title,
			@Nullable String body, @Nullable String link) {
		if (link != null && (!link.startsWith("/") || link.startsWith("//"))) {
			throw new IllegalArgumentException("notification links are application-relative");
		}
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into notification (id, recipient_id, organization_id, kind, title, body, link)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, recipient.value(), organizationId == null ? null : organizationId.value(), kind, title, body,
					link)
			.update();
		return id;
	}

}
