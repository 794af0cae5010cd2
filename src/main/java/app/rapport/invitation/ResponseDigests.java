package app.rapport.invitation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import app.rapport.account.Accounts;
import app.rapport.notification.Email;
import app.rapport.notification.Emails;
import app.rapport.organization.Organizations;
import app.rapport.shared.AccountId;
import app.rapport.shared.Links;
import app.rapport.shared.OrganizationId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Emails each inviter a digest of the responses to their invitations: one email per
 * inviter and organization, listing who accepted or declined since the previous one. The
 * in-app notification still goes out with each response.
 *
 * <p>
 * A coach who onboards a whole company would otherwise get one email per employee; the
 * digest also keeps the email out of the acceptance's own transaction. Each group is
 * claimed by clearing its marks in the transaction that queues the email, so with several
 * nodes (or a response committing while the job runs) every response is in exactly one
 * digest.
 */
@Component
class ResponseDigests {

	private static final Logger log = LoggerFactory.getLogger(ResponseDigests.class);

	/** Responses named in one email; the rest are counted, and listed on the page. */
	static final int LISTED = 25;

	private final JdbcClient jdbc;

	private final Accounts accounts;

	private final Organizations organizations;

	private final Emails emails;

	private final Links links;

	private final TransactionTemplate transactions;

	ResponseDigests(JdbcClient jdbc, Accounts accounts, Organizations organizations, Emails emails, Links links,
			TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.organizations = organizations;
		this.emails = emails;
		this.links = links;
		this.transactions = transactions;
	}

	@Scheduled(fixedDelayString = "${rapport.invitations.response-digest-interval:PT5M}",
			initialDelayString = "${rapport.invitations.response-digest-interval:PT5M}")
	void run() {
		try {
			send();
		}
		catch (RuntimeException ex) {
			log.warn("Response digests failed; they run again at the next interval", ex);
		}
	}

	/**
	 * Queues one digest for each inviter and organization with untold responses.
	 * @return the number of digests queued
	 */
	int send() {
		List<Group> groups = jdbc
			.sql("select distinct invited_by, organization_id from invitation where inviter_untold")
			.query((rs, n) -> new Group(new AccountId(rs.getObject(1, UUID.class)),
					new OrganizationId(rs.getObject(2, UUID.class))))
			.list();
		int sent = 0;
		for (Group group : groups) {
			Boolean queued = transactions.execute(status -> digest(group));
			sent += Boolean.TRUE.equals(queued) ? 1 : 0;
		}
		return sent;
	}

	/**
	 * Clears the group's marks and queues its email in one transaction. Another node
	 * running the same group waits on the row locks and then finds nothing left.
	 */
	private boolean digest(Group group) {
		List<Response> responses = new ArrayList<>(jdbc.sql("""
				update invitation set inviter_untold = null
				where invited_by = ? and organization_id = ? and inviter_untold
				returning name, email, status, purpose, responded_at""")
			.params(group.inviter().value(), group.organization().value())
			.query((rs, n) -> new Response(rs.getString(1), rs.getString(2), rs.getString(3).equals("ACCEPTED"),
					InvitationPurpose.valueOf(rs.getString(4)), instant(rs.getTimestamp(5))))
			.list());
		if (responses.isEmpty()) {
			return false;
		}
		responses.sort(Comparator.comparing(Response::at));
		// an inviter whose account is gone has nobody to tell; the marks are cleared all
		// the same
		return accounts.remembered(group.inviter()).map(inviter -> {
			emails.queue(new Email(inviter.email(), subject(responses), "invitation/responses",
					model(inviter.displayName(), responses), organizations.branding(group.organization()),
					group.organization()));
			return true;
		}).orElse(false);
	}

	private Map<String, Object> model(String inviterName, List<Response> responses) {
		List<Map<String, Object>> listed = new ArrayList<>();
		for (Response response : responses.subList(0, Math.min(LISTED, responses.size()))) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("name", response.name());
			row.put("email", response.email());
			row.put("verb", response.verb());
			row.put("joinAs", response.purpose().joinAs());
			listed.add(row);
		}
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("inviterName", inviterName);
		model.put("responses", listed);
		model.put("more", responses.size() - listed.size());
		model.put("invitationsUrl", links.to("/invitations"));
		return model;
	}

	static String subject(List<Response> responses) {
		if (responses.size() == 1) {
			Response only = responses.getFirst();
			return only.name() + " " + only.verb() + " your invitation";
		}
		long accepted = responses.stream().filter(Response::accepted).count();
		String people = String.format(Locale.ENGLISH, "%,d people", responses.size());
		if (accepted == responses.size()) {
			return people + " accepted your invitations";
		}
		if (accepted == 0) {
			return people + " declined your invitations";
		}
		return people + " responded to your invitations: "
				+ String.format(Locale.ENGLISH, "%,d accepted, %,d declined", accepted, responses.size() - accepted);
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? Instant.EPOCH : timestamp.toInstant();
	}

	record Response(String name, String email, boolean accepted, InvitationPurpose purpose, Instant at) {

		String verb() {
			return accepted ? "accepted" : "declined";
		}

	}

	private record Group(AccountId inviter, OrganizationId organization) {
	}

}
