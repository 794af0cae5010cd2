package app.rapport.invitation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import app.rapport.shared.AccountId;
import app.rapport.shared.KeysetCursor;
import app.rapport.shared.OrganizationId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads for the Invitations page: keyset pages newest first, filtered in SQL. */
@Repository
class InvitationListRepository {

	private static final String SELECT = "select "
			+ InvitationRepository.COLUMNS.replaceAll("(\\w+)", "i.$1").replace("\n", " ")
			+ ", coalesce(a.display_name, 'Someone') as inviter_name"
			+ " from invitation i left join account a on a.id = i.invited_by";

	private final JdbcClient jdbc;

	InvitationListRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Found(Invitation invitation, String inviterName) {
	}

	/**
	 * A page of the organization's invitations, newest first; {@code onlyInvitedBy}
	 * limits it to one person's.
	 */
	List<Found> page(OrganizationId organizationId, @Nullable AccountId onlyInvitedBy, InvitationQuery query,
			Instant now) {
		StringBuilder sql = new StringBuilder(SELECT).append(" where i.organization_id = ?");
		List<Object> params = new ArrayList<>();
		params.add(organizationId.value());
		if (onlyInvitedBy != null) {
			sql.append(" and i.invited_by = ?");
			params.add(onlyInvitedBy.value());
		}
		if (query.status() != null) {
			switch (query.status()) {
				case PENDING -> {
					sql.append(" and i.status = 'PENDING' and i.expires_at > ?");
					params.add(Timestamp.from(now));
				}
				case EXPIRED -> {
					sql.append(" and (i.status = 'EXPIRED' or (i.status = 'PENDING' and i.expires_at <= ?))");
					params.add(Timestamp.from(now));
				}
				default -> {
					sql.append(" and i.status = ?");
					params.add(query.status().name());
				}
			}
		}
		if (query.purpose() != null) {
			sql.append(" and i.purpose = ?");
			params.add(query.purpose().name());
		}
		if (query.search() != null) {
			sql.append(" and i.email like ?");
			params.add(escapeLike(query.search()) + "%");
		}
		KeysetCursor cursor = KeysetCursor.decode(query.after());
		if (cursor != null) {
			sql.append(" and (i.created_at, i.id) < (?, ?)");
			params.add(Timestamp.from(cursor.at()));
			params.add(cursor.id());
		}
		// a literal limit (a clamped int) lets PostgreSQL reuse a generic plan
		sql.append(" order by i.created_at desc, i.id desc limit ").append(query.size() + 1);
		return jdbc.sql(sql.toString())
			.params(params)
			.query((rs, n) -> new Found(InvitationRepository.map(rs, n), rs.getString("inviter_name")))
			.list();
	}

	Optional<Found> find(OrganizationId organizationId, InvitationId id) {
		return jdbc.sql(SELECT + " where i.id = ? and i.organization_id = ?")
			.params(id.value(), organizationId.value())
			.query((rs, n) -> new Found(InvitationRepository.map(rs, n), rs.getString("inviter_name")))
			.optional();
	}

	private static String escapeLike(String value) {
		return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
