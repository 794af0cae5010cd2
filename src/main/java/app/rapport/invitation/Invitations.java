package app.rapport.invitation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import app.rapport.audit.AuditEntry;
import app.rapport.audit.AuditLog;
import app.rapport.notification.Branding;
import app.rapport.notification.Email;
import app.rapport.notification.Emails;
import app.rapport.organization.Organization;
import app.rapport.organization.Organizations;
import app.rapport.shared.AccessDeniedProblem;
import app.rapport.shared.CurrentUser;
import app.rapport.shared.EmailAddress;
import app.rapport.shared.Links;
import app.rapport.shared.OrganizationId;
import app.rapport.shared.OrganizationRole;
import app.rapport.shared.Problem;
import app.rapport.shared.SecretToken;
import app.rapport.shared.TenantScope;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sending, resending and revoking invitations. Every change is recorded in the
 * invitation's history and the audit log, and its email is queued in the same
 * transaction.
 */
@Service
public class Invitations {

	static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy").withZone(ZoneOffset.UTC);

	private final InvitationRepository invitations;

	private final Organizations organizations;

	private final Emails emails;

	private final AuditLog audit;

	private final Links links;

	private final InvitationProperties properties;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TenantScope tenantScope;

	/**
	 * The organizations' own wordings for one batch of emails, asked once per
	 * organization, purpose and record however many people the batch invites.
	 */
	WordingsOfBatch wordingsOfBatch() {
		return new WordingsOfBatch(wordings);
	}

	static final class WordingsOfBatch {

		private final List<InvitationWordings> sources;

		private final Map<List<@Nullable Object>, Optional<InvitationWordings.EmailWording>> known = new HashMap<>();

		WordingsOfBatch(List<InvitationWordings> sources) {
			this.sources = sources;
		}

		InvitationWordings.@Nullable EmailWording of(OrganizationId organization, InvitationPurpose purpose,
				@Nullable UUID subject) {
			if (!WORDED.contains(purpose) || sources.isEmpty()) {
				return null;
			}
			return known
				.computeIfAbsent(java.util.Arrays.asList(organization, purpose, subject),
						key -> sources.stream()
							.map(source -> source.emailFor(organization, purpose, subject))
							.flatMap(Optional::stream)
							.findFirst())
				.orElse(null);
		}

	}

	/** Purposes whose email an organization may word itself (its community's). */
	static final Set<InvitationPurpose> WORDED = EnumSet.of(InvitationPurpose.PROGRAM_MEMBER,
			InvitationPurpose.ONE_TO_ONE_CLIENT);

	private final List<InvitationWordings> wordings;

	private volatile DayText expiryText = new DayText(Long.MIN_VALUE, "");

	Invitations(InvitationRepository invitations, Organizations organizations, Emails emails, AuditLog audit,
			Links links, InvitationProperties properties, Clock clock, ApplicationEventPublisher events,
			TenantScope tenantScope, List<InvitationWordings> wordings) {
		this.tenantScope = tenantScope;
		this.wordings = wordings;
		this.invitations = invitations;
		this.organizations = organizations;
		this.emails = emails;
		this.audit = audit;
		this.links = links;
		this.properties = properties;
		this.clock = clock;
		this.events = events;
	}

	/** Sends one invitation on behalf of the current user's organization. */
	@Transactional
	public InvitationId send(CurrentUser inviter, InvitationRequest request) {
		return sendAll(inviter, List.of(request)).getFirst();
	}

	/**
	 * Sends many invitations at once, with batched writes. Either all are sent or, when a
	 * rule refuses one, none.
	 */
	@Transactional
	public List<InvitationId> sendAll(CurrentUser inviter, List<InvitationRequest> requests) {
		OrganizationId organizationId = inviter.requireOrganization();
		tenantScope.enter(organizationId);
		Organizations.Sender sender = organizations.sender(organizationId)
			.orElseThrow(() -> Problem.notFound("This organization no longer exists."));
		Organization organization = sender.organization();
		for (InvitationRequest request : requests) {
			checkRole(inviter, request);
		}
		checkCanSend(sender);
		Instant now = clock.instant();
		Instant expiresAt = now.plus(Duration.ofDays(organization.invitationValidityDays()));
		List<InvitationRepository.NewInvitation> rows = new ArrayList<>(requests.size());
		List<Email> mails = new ArrayList<>(requests.size());
		List<AuditEntry> entries = new ArrayList<>(requests.size());
		Branding branding = organization.branding();
		WordingsOfBatch batch = wordingsOfBatch();
		for (InvitationRequest request : requests) {
			SecretToken token = SecretToken.generate();
			UUID id = UUID.randomUUID();
			rows.add(new InvitationRepository.NewInvitation(id, organizationId, request, token.hash(),
					inviter.accountId(), expiresAt, firstReminder(now, expiresAt)));
			mails.add(invitationEmail(request.email(), request.name(), request.purpose(),
					batch.of(organizationId, request.purpose(), request.subjectId()), inviter.displayName(),
					organization, branding, token, expiresAt, false));
			entries.add(new AuditEntry("INVITATION_SENT", organizationId, inviter.accountId(), inviter.email().value(),
					request.email().value(), request.purpose().name()));
		}
		Limits limits = limits(requests);
		if (rows.size() == 1) {
			// one round trip for the limits and the insert; a refusal below rolls the
			// insert back
			checkRateLimits(limits, requests, invitations.sendCountsAndInsert(organizationId, limits.window(),
					limits.recipients(), limits.since(), rows.getFirst(), inviter.accountId(), inviter.displayName()));
		}
		else {
			checkRateLimits(limits, requests,
					invitations.sendCounts(organizationId, limits.window(), limits.recipients(), limits.since()));
			invitations.insertAll(rows, inviter.accountId(), inviter.displayName());
		}
		List<UUID> ids = rows.stream().map(InvitationRepository.NewInvitation::id).toList();
		emails.queueAll(mails);
		audit.recordAll(entries);
		countSent(organizationId, rows.size());
		return ids.stream().map(InvitationId::new).toList();
	}

	/** Sends the invitation again with a new link; the old link stops working. */
	@Transactional
	public void resend(CurrentUser inviter, InvitationId id) {
		resendAll(inviter, List.of(id));
	}

	/**
	 * Resends several invitations; those that were accepted, declined or revoked are
	 * refused.
	 */
	@Transactional
	public int resendAll(CurrentUser inviter, List<InvitationId> ids) {
		OrganizationId organizationId = inviter.requireOrganization();
		tenantScope.enter(organizationId);
		Instant now = clock.instant();
		// the invitations first: someone else's ids answer 404 whatever the
		// organization's state
		List<Invitation> found = new ArrayList<>();
		for (InvitationId id : ids) {
			Invitation invitation = invitations.find(organizationId, id)
				.orElseThrow(() -> Problem.notFound("No such invitation."));
			checkManages(inviter, invitation);
			found.add(invitation);
		}
		Organizations.Sender sender = organizations.sender(organizationId).orElseThrow();
		Organization organization = sender.organization();
		checkCanSend(sender);
		for (Invitation invitation : found) {
			if (!invitation.canBeResent(now)) {
				throw Problem.conflict("This invitation was " + invitation.status(now).label().toLowerCase()
						+ " and cannot be resent.");
			}
		}
		Branding branding = organization.branding();
		Instant expiresAt = now.plus(Duration.ofDays(organization.invitationValidityDays()));
		List<InvitationRequest> requests = found.stream()
			.map(i -> new InvitationRequest(i.purpose(), i.subjectId(), i.email(), i.name(), i.role()))
			.toList();
		Limits limits = limits(requests);
		checkRateLimits(limits, requests,
				invitations.sendCounts(organizationId, limits.window(), limits.recipients(), limits.since()));
		List<Email> mails = new ArrayList<>();
		List<AuditEntry> entries = new ArrayList<>();
		WordingsOfBatch batch = wordingsOfBatch();
		for (Invitation invitation : found) {
			SecretToken token = SecretToken.generate();
			invitations.renew(organizationId, invitation.id(), token.hash(), expiresAt, firstReminder(now, expiresAt));
			mails.add(invitationEmail(invitation.email(), invitation.name(), invitation.purpose(),
					batch.of(organizationId, invitation.purpose(), invitation.subjectId()), inviter.displayName(),
					organization, branding, token, expiresAt, false));
			entries.add(new AuditEntry("INVITATION_RESENT", organizationId, inviter.accountId(),
					inviter.email().value(), invitation.email().value(), invitation.purpose().name()));
		}
		invitations.recordEvents(found.stream().map(i -> i.id().value()).toList(), "RESENT", inviter.accountId(),
				inviter.displayName());
		emails.queueAll(mails);
		audit.recordAll(entries);
		countSent(organizationId, found.size());
		return found.size();
	}

	/**
	 * Revokes a pending invitation: its link stops working at once. Publishes
	 * {@link InvitationRevoked} so the module behind the invitation can follow.
	 */
	@Transactional
	public void revoke(CurrentUser inviter, InvitationId id) {
		OrganizationId organizationId = inviter.requireOrganization();
		tenantScope.enter(organizationId);
		Invitation invitation = invitations.find(organizationId, id)
			.orElseThrow(() -> Problem.notFound("No such invitation."));
		checkManages(inviter, invitation);
		if (!invitations.revoke(organizationId, id, inviter.accountId())) {
			throw Problem.conflict("Only pending invitations can be revoked.");
		}
		invitations.recordEvents(List.of(id.value()), "REVOKED", inviter.accountId(), inviter.displayName());
		audit.record(new AuditEntry("INVITATION_REVOKED", organizationId, inviter.accountId(), inviter.email().value(),
				invitation.email().value(), invitation.purpose().name()));
		events.publishEvent(new InvitationRevoked(id, organizationId, invitation.purpose(), invitation.subjectId(),
				inviter.accountId()));
	}

	/**
	 * Revokes every pending invitation about one record (a program being archived), so
	 * none of their links works any more. Owners and admins only.
	 * @return how many were revoked
	 */
	@Transactional
	public int revokePendingFor(CurrentUser user, UUID subjectId) {
		OrganizationId organizationId = user.requireAdmin();
		tenantScope.enter(organizationId);
		List<Invitation> revoked = invitations.revokePendingFor(organizationId, subjectId, user.accountId());
		if (revoked.isEmpty()) {
			return 0;
		}
		invitations.recordEvents(revoked.stream().map(i -> i.id().value()).toList(), "REVOKED", user.accountId(),
				user.displayName());
		audit.recordAll(revoked.stream()
			.map(i -> new AuditEntry("INVITATION_REVOKED", organizationId, user.accountId(), user.email().value(),
					i.email().value(), i.purpose().name()))
			.toList());
		for (Invitation invitation : revoked) {
			events.publishEvent(new InvitationRevoked(invitation.id(), organizationId, invitation.purpose(),
					invitation.subjectId(), user.accountId()));
		}
		return revoked.size();
	}

	/**
	 * The newest pending invitations about one record (a program's people still to join),
	 * at most {@code limit}.
	 */
	@Transactional(readOnly = true)
	public List<PendingInvitation> pendingFor(OrganizationId organizationId, UUID subjectId, int limit) {
		tenantScope.enter(organizationId);
		return invitations.pendingFor(organizationId, subjectId, clock.instant(), limit);
	}

	/**
	 * Which of these addresses already have a pending invitation about one record (a
	 * program), so they are not invited twice.
	 */
	@Transactional(readOnly = true)
	public Set<EmailAddress> pendingEmails(OrganizationId organizationId, UUID subjectId,
			Collection<EmailAddress> emails) {
		tenantScope.enter(organizationId);
		return emails.isEmpty() ? Set.of()
				: invitations.pendingEmails(organizationId, subjectId, emails, clock.instant());
	}

	/** Invitations about one record (a client), newest first, with their history. */
	@Transactional(readOnly = true)
	public List<InvitationHistory> forSubject(OrganizationId organizationId, UUID subjectId) {
		tenantScope.enter(organizationId);
		Instant now = clock.instant();
		return invitations.forSubject(organizationId, subjectId)
			.stream()
			.map(invitation -> new InvitationHistory(invitation, invitation.status(now),
					invitations.events(invitation.id().value())))
			.toList();
	}

	/** An invitation and what happened to it. */
	public record InvitationHistory(Invitation invitation, InvitationStatus status, List<InvitationEvent> events) {
	}

	private void checkRole(CurrentUser inviter, InvitationRequest request) {
		if (request.purpose() == InvitationPurpose.COLLEAGUE) {
			inviter.requireAdmin();
			OrganizationRole role = request.role();
			if (role == null || role == OrganizationRole.EMPLOYEE) {
				throw Problem.invalid("Choose the colleague's role: owner, admin or coach.");
			}
			if (inviter.role() == null || !inviter.role().isAtLeast(role)) {
				throw new AccessDeniedProblem("You cannot invite someone with a role above your own.");
			}
		}
		else if (request.role() != null) {
			throw Problem.invalid("Only colleagues are invited with an organization role.");
		}
	}

	private void checkManages(CurrentUser inviter, Invitation invitation) {
		if (!inviter.isAdmin() && !invitation.invitedBy().equals(inviter.accountId())) {
			throw Problem.notFound("No such invitation.");
		}
	}

	private static void checkCanSend(Organizations.Sender sender) {
		if (!sender.ownerConfirmed()) {
			throw Problem.conflict("Invitations can be sent once the organization owner has confirmed their email "
					+ "address. You can save internal records until then.");
		}
	}

	/**
	 * The hourly limit of the organization and the daily limit of each recipient, read in
	 * one query. The hour slides: the sends of the current clock hour plus the previous
	 * hour's, weighted by how much of it still lies within the last sixty minutes, so
	 * there is no burst at the turn of the hour that a fixed window allows. Bulk sends to
	 * more than 50 addresses skip the per-recipient count (each of them is new to the
	 * list).
	 */
	/**
	 * What the limits of a send read: the clock hour, the recipients to count, since
	 * when.
	 */
	private record Limits(Instant now, Instant window, Map<EmailAddress, Integer> perRecipient, boolean countRecipients,
			Instant since) {

		Collection<EmailAddress> recipients() {
			return countRecipients ? perRecipient.keySet() : List.of();
		}

	}

	private Limits limits(List<InvitationRequest> requests) {
		Instant now = clock.instant();
		Map<EmailAddress, Integer> perRecipient = new HashMap<>();
		requests.forEach(r -> perRecipient.merge(r.email(), 1, Integer::sum));
		return new Limits(now, hourOf(now), perRecipient, perRecipient.size() <= 50, now.minus(Duration.ofDays(1)));
	}

	private void checkRateLimits(Limits limits, List<InvitationRequest> requests,
			InvitationRepository.SendCounts counts) {
		double previousShare = 1 - Duration.between(limits.window(), limits.now()).toMillis() / 3_600_000.0;
		long sentInTheLastHour = counts.currentHour() + (long) Math.ceil(counts.previousHour() * previousShare);
		if (sentInTheLastHour + requests.size() > properties.maxPerOrganizationPerHour()) {
			throw Problem.tooManyRequests("Your organization can send " + properties.maxPerOrganizationPerHour()
					+ " invitations per hour. Try again later.");
		}
		if (limits.countRecipients()) {
			for (Map.Entry<EmailAddress, Integer> entry : limits.perRecipient().entrySet()) {
				if (counts.receivedByRecipient().getOrDefault(entry.getKey(), 0L) + entry.getValue() > properties
					.maxPerRecipientPerDay()) {
					throw Problem.tooManyRequests(entry.getKey() + " received " + properties.maxPerRecipientPerDay()
							+ " invitations today already. Try again tomorrow.");
				}
			}
		}
	}

	private void countSent(OrganizationId organizationId, int count) {
		invitations.countSent(organizationId, hourOf(clock.instant()), count);
	}

	static Instant hourOf(Instant instant) {
		return instant.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
	}

	private @Nullable Instant firstReminder(Instant now, Instant expiresAt) {
		if (properties.reminders().isEmpty()) {
			return null;
		}
		Instant at = now.plus(properties.reminders().getFirst());
		return at.isBefore(expiresAt) ? at : null;
	}

	/**
	 * The expiry date as the email shows it. Every invitation of a day expires on the
	 * same date, so the text is formatted once a day rather than once an invitation.
	 */
	private String expiresOn(Instant expiresAt) {
		long day = Math.floorDiv(expiresAt.getEpochSecond(), 86_400);
		DayText cached = expiryText;
		if (cached.day() != day) {
			cached = new DayText(day, DATE.format(expiresAt));
			expiryText = cached;
		}
		return cached.text();
	}

	private record DayText(long day, String text) {
	}

	Email invitationEmail(EmailAddress to, String name, InvitationPurpose purpose,
			InvitationWordings.@Nullable EmailWording wording, String inviterName, Organization organization,
			Branding branding, SecretToken token, Instant expiresAt, boolean reminder) {
		Map<String, Object> model = new HashMap<>();
		String subject = inviterName + " invited you to join " + organization.name();
		if (wording != null) {
			InvitationWordings.Wording own = wording.fillIn(name, inviterName);
			subject = own.subject();
			model.put("paragraphs", own.paragraphs());
		}
		subject = (reminder ? "Reminder: " : "") + subject;
		model.put("name", name);
		model.put("inviterName", inviterName);
		model.put("organizationName", organization.name());
		model.put("joinAs", purpose.joinAs());
		model.put("acceptUrl", links.to("/join?token=" + token.value()));
		model.put("expiresOn", expiresOn(expiresAt));
		model.put("reminder", reminder);
		return new Email(to, subject, "invitation/invitation", model, branding, organization.id());
	}

}
