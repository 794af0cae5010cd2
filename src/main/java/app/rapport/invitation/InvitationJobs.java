package app.rapport.invitation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;

import app.rapport.account.AccountSummary;
import app.rapport.account.Accounts;
import app.rapport.audit.AuditEntry;
import app.rapport.audit.AuditLog;
import app.rapport.notification.Email;
import app.rapport.notification.Emails;
import app.rapport.organization.Organization;
import app.rapport.organization.Organizations;
import app.rapport.shared.AccountId;
import app.rapport.shared.OrganizationId;
import app.rapport.shared.SecretToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Background work on pending invitations: marking expired ones, and sending reminders.
 * Both claim rows with {@code FOR UPDATE SKIP LOCKED}, so with several nodes each
 * invitation is handled once.
 *
 * <p>
 * Only token hashes are stored, so a reminder cannot repeat the original link: it carries
 * a fresh link and the previous one stops working, as with a resend.
 */
@Component
class InvitationJobs {

	private static final Logger log = LoggerFactory.getLogger(InvitationJobs.class);

	private static final int BATCH = 500;

	private final JdbcClient jdbc;

	private final InvitationRepository invitations;

	private final Invitations sender;

	private final Organizations organizations;

	private final Accounts accounts;

	private final Emails emails;

	private final AuditLog audit;

	private final InvitationProperties properties;

	private final Clock clock;

	private final TransactionTemplate transactions;

	InvitationJobs(JdbcClient jdbc, InvitationRepository invitations, Invitations sender, Organizations organizations,
			Accounts accounts, Emails emails, AuditLog audit, InvitationProperties properties, Clock clock,
			TransactionTemplate transactions) {
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.invitations = invitations;
		this.sender = sender;
		this.organizations = organizations;
		this.accounts = accounts;
		this.emails = emails;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${rapport.invitations.job-interval:PT1M}", initialDelayString = "PT20S")
	void run() {
		try {
			// through the transaction template: calls inside this class would bypass
			// @Transactional, and the
			// reminder claim's row locks must last until its emails are queued
			while (transactions.execute(status -> expireDue()) == BATCH) {
				// keep going until the backlog is gone
			}
			while (transactions.execute(status -> remindDue()) == BATCH) {
				// keep going until the backlog is gone
			}
			invitations.forgetSendWindowsBefore(Invitations.hourOf(clock.instant()).minus(Duration.ofHours(1)));
		}
		catch (RuntimeException ex) {
			log.warn("Invitation jobs failed; they run again at the next interval", ex);
		}
	}

	/** Marks pending invitations past their expiry as expired. */
	@Transactional
	int expireDue() {
		List<InvitationRepository.Expired> expired = jdbc.sql("""
				update invitation set status = 'EXPIRED', next_reminder_at = null
				where id in (select id from invitation where status = 'PENDING' and expires_at <= ?
				             order by expires_at limit ? for update skip locked)
				returning id, organization_id, email, purpose""")
			.params(Timestamp.from(clock.instant()), BATCH)
			.query((rs, n) -> new InvitationRepository.Expired(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getString(3), rs.getString(4)))
			.list();
		if (!expired.isEmpty()) {
			invitations.recordEvents(expired.stream().map(InvitationRepository.Expired::id).toList(), "EXPIRED", null,
					null);
			audit.recordAll(expired.stream()
				.map(e -> new AuditEntry("INVITATION_EXPIRED", new OrganizationId(e.organizationId()), null, null,
						e.email(), e.purpose()))
				.toList());
		}
		return expired.size();
	}

	/** Sends the reminders that are due, each with a fresh link. */
	@Transactional
	int remindDue() {
		Instant now = clock.instant();
		List<Due> due = jdbc
			.sql("select " + InvitationRepository.COLUMNS + ", reminders_sent from invitation"
					+ " where status = 'PENDING' and next_reminder_at <= ? and expires_at > ?"
					+ " order by next_reminder_at limit ? for update skip locked")
			.params(Timestamp.from(now), Timestamp.from(now), BATCH)
			.query((rs, n) -> new Due(InvitationRepository.map(rs, n), rs.getInt("reminders_sent")))
			.list();
		List<Email> mails = new ArrayList<>();
		Map<OrganizationId, Organization> organizationsById = new HashMap<>();
		Map<AccountId, String> inviterNames = new HashMap<>();
		Invitations.WordingsOfBatch batch = sender.wordingsOfBatch();
		for (Due reminder : due) {
			Invitation invitation = reminder.invitation();
			int sent = reminder.remindersSent();
			Instant next = sent + 1 < properties.reminders().size()
					? invitation.lastSentAt().plus(properties.reminders().get(sent + 1)) : null;
			if (next != null && !next.isBefore(invitation.expiresAt())) {
				next = null;
			}
			SecretToken token = SecretToken.generate();
			jdbc.sql("""
					update invitation set token_hash = ?, reminders_sent = reminders_sent + 1, next_reminder_at = ?
					where id = ?""")
				.params(token.hash(), next == null ? null : Timestamp.from(next), invitation.id().value())
				.update();
			Organization organization = organizationsById.computeIfAbsent(invitation.organizationId(),
					id -> organizations.find(id).orElseThrow());
			String inviterName = inviterNames.computeIfAbsent(invitation.invitedBy(),
					id -> accounts.find(id).map(AccountSummary::displayName).orElse("Someone"));
			mails.add(sender.invitationEmail(invitation.email(), invitation.name(), invitation.purpose(),
					batch.of(invitation.organizationId(), invitation.purpose(), invitation.subjectId()), inviterName,
					organization, organizations.branding(organization.id()), token, invitation.expiresAt(), true));
		}
		if (!due.isEmpty()) {
			invitations.recordEvents(due.stream().map(d -> d.invitation().id().value()).toList(), "REMINDED", null,
					null);
			emails.queueAll(mails);
		}
		return due.size();
	}

	private record Due(Invitation invitation, int remindersSent) {
	}

}
