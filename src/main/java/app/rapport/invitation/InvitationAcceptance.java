package app.rapport.invitation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import app.rapport.account.AccountSummary;
import app.rapport.account.Accounts;
import app.rapport.audit.AuditEntry;
import app.rapport.audit.AuditLog;
import app.rapport.notification.Notifications;
import app.rapport.organization.Organizations;
import app.rapport.shared.AccessDeniedProblem;
import app.rapport.shared.AccountId;
import app.rapport.shared.CurrentUser;
import app.rapport.shared.Problem;
import app.rapport.shared.SecretToken;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an invited person does with the link: open it, register or sign in, accept or
 * decline. The token binds the invitation to its email; accepting or declining happens in
 * one conditional update, so two concurrent requests have one effect.
 */
@Service
public class InvitationAcceptance {

	static final String DEAD_LINK = "This invitation link no longer works. It may have expired, been revoked or "
			+ "replaced by a newer invitation, or already been used. Ask the person who invited you to send it again.";

	private final InvitationRepository invitations;

	private final Organizations organizations;

	private final Accounts accounts;

	private final Notifications notifications;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final List<InvitationWordings> wordings;

	InvitationAcceptance(InvitationRepository invitations, Organizations organizations, Accounts accounts,
			Notifications notifications, AuditLog audit, ApplicationEventPublisher events, Clock clock,
			List<InvitationWordings> wordings) {
		this.wordings = wordings;
		this.invitations = invitations;
		this.organizations = organizations;
		this.accounts = accounts;
		this.notifications = notifications;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * What the invitation page shows about a live invitation.
	 *
	 * @param registrationText what the inviting organization wrote for its registration
	 * page, one entry a paragraph
	 */
	public record OpenInvitation(Invitation invitation, String organizationName, String inviterName,
			boolean accountExists, List<String> registrationText) {
	}

	/**
	 * Looks up a live invitation by the token from its link and notes the first opening
	 * in its history.
	 * @return empty when the link is unknown, used, revoked, replaced or expired
	 */
	@Transactional
	public Optional<OpenInvitation> open(String rawToken) {
		if (malformed(rawToken)) {
			return Optional.empty();
		}
		Instant now = clock.instant();
		return invitations.findByTokenHash(SecretToken.hash(rawToken))
			.filter(invitation -> invitation.status(now) == InvitationStatus.PENDING)
			.map(invitation -> {
				if (invitations.markOpened(invitation.id().value())) {
					invitations.recordEvents(List.of(invitation.id().value()), "OPENED", null, invitation.name());
				}
				String organizationName = organizations.name(invitation.organizationId()).orElse("Rapport");
				List<String> registrationText = wordings.stream()
					.map(w -> w.registrationText(invitation.organizationId(), invitation.purpose()))
					.filter(text -> !text.isEmpty())
					.findFirst()
					.orElse(List.of());
				return new OpenInvitation(invitation, organizationName,
						accounts.find(invitation.invitedBy()).map(AccountSummary::displayName).orElse("Someone"),
						accounts.findByEmail(invitation.email()).isPresent(), registrationText);
			});
	}

	/**
	 * Accepts as the signed-in person, whose email must be the invited one.
	 * @throws Problem 403 for another email, 410 when the link is dead
	 */
	@Transactional
	public Invitation accept(String rawToken, CurrentUser person) {
		if (malformed(rawToken)) {
			throw Problem.gone(DEAD_LINK);
		}
		// the update succeeds only for a live invitation to this person's email; why it
		// did not is looked up only when it did not
		return invitations
			.respond(SecretToken.hash(rawToken), person.email(), InvitationStatus.ACCEPTED, person.accountId(),
					clock.instant())
			.map(done -> afterResponse(done, InvitationStatus.ACCEPTED, person.accountId()))
			.orElseThrow(() -> {
				Invitation invitation = live(rawToken);
				return invitation.email().equals(person.email()) ? Problem.gone(DEAD_LINK)
						: new AccessDeniedProblem("This invitation is for " + invitation.email()
								+ ". You are signed in as " + person.email() + ".");
			});
	}

	/**
	 * Creates the invited person's account and accepts in one transaction.
	 * @throws Problem 409 when the email already has an account (the person signs in
	 * instead)
	 */
	@Transactional
	public Invitation register(String rawToken, String displayName, String password) {
		Invitation invitation = live(rawToken);
		AccountId account = accounts.registerInvited(displayName, invitation.email(), password)
			.orElseThrow(() -> Problem.conflict("You already have an account. Sign in to accept the invitation."));
		return respond(rawToken, invitation, InvitationStatus.ACCEPTED, account);
	}

	/**
	 * Declines; the token proves it is the invited person, with or without an account.
	 */
	@Transactional
	public Invitation decline(String rawToken, @Nullable CurrentUser person) {
		Invitation invitation = live(rawToken);
		if (person != null && !invitation.email().equals(person.email())) {
			throw new AccessDeniedProblem("This invitation is for " + invitation.email() + ".");
		}
		return respond(rawToken, invitation, InvitationStatus.DECLINED, person == null ? null : person.accountId());
	}

	private static boolean malformed(@Nullable String rawToken) {
		return rawToken == null || rawToken.isBlank() || rawToken.length() > 100;
	}

	private Invitation live(String rawToken) {
		if (malformed(rawToken)) {
			throw Problem.gone(DEAD_LINK);
		}
		Instant now = clock.instant();
		return invitations.findByTokenHash(SecretToken.hash(rawToken))
			.filter(invitation -> invitation.status(now) == InvitationStatus.PENDING)
			.orElseThrow(() -> Problem.gone(DEAD_LINK));
	}

	private Invitation respond(String rawToken, Invitation invitation, InvitationStatus outcome,
			@Nullable AccountId respondent) {
		Invitation done = invitations
			.respond(SecretToken.hash(rawToken), invitation.email(), outcome, respondent, clock.instant())
			.orElseThrow(() -> Problem.gone(DEAD_LINK));
		return afterResponse(done, outcome, respondent);
	}

	private Invitation afterResponse(Invitation done, InvitationStatus outcome, @Nullable AccountId respondent) {
		boolean accepted = outcome == InvitationStatus.ACCEPTED;
		audit.record(new AuditEntry(accepted ? "INVITATION_ACCEPTED" : "INVITATION_DECLINED", done.organizationId(),
				respondent, done.email().value(), done.email().value(), done.purpose().name()));
		if (accepted) {
			if (done.purpose() == InvitationPurpose.COLLEAGUE && done.role() != null && respondent != null) {
				organizations.addMember(done.organizationId(), respondent, done.role());
			}
			events.publishEvent(new InvitationAccepted(done.id(), done.organizationId(), done.purpose(),
					done.subjectId(), respondent, done.role(), done.invitedBy()));
		}
		else {
			events.publishEvent(
					new InvitationDeclined(done.id(), done.organizationId(), done.purpose(), done.subjectId()));
		}
		tellInviter(done, accepted);
		return done;
	}

	/**
	 * The in-app notification goes out now; the email waits for the inviter's next
	 * {@link ResponseDigests digest}, marked by the response's own update.
	 */
	private void tellInviter(Invitation invitation, boolean accepted) {
		String verb = accepted ? "accepted" : "declined";
		notifications.notify(invitation.invitedBy(), invitation.organizationId(),
				accepted ? "INVITATION_ACCEPTED" : "INVITATION_DECLINED",
				invitation.name() + " " + verb + " your invitation",
				invitation.email() + " " + verb + " the invitation to join " + invitation.purpose().joinAs() + ".",
				"/invitations");
	}

}
