package app.rapport.account;

import java.util.Map;

import app.rapport.audit.AuditEntry;
import app.rapport.audit.AuditLog;
import app.rapport.notification.Branding;
import app.rapport.notification.Email;
import app.rapport.notification.Emails;
import app.rapport.shared.AccountId;
import app.rapport.shared.EmailAddress;
import app.rapport.shared.FieldProblem;
import app.rapport.shared.Links;
import app.rapport.shared.Problem;
import app.rapport.shared.SecretToken;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Changing a password, and resetting a forgotten one by email. */
@Service
public class Passwords {

	private final AccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final Emails emails;

	private final Links links;

	private final AuditLog audit;

	private final AccountProperties properties;

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	private final LoginThrottle throttle;

	Passwords(AccountRepository accounts, PasswordEncoder passwordEncoder, Emails emails, Links links, AuditLog audit,
			AccountProperties properties, FindByIndexNameSessionRepository<? extends Session> sessions,
			LoginThrottle throttle) {
		this.throttle = throttle;
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.emails = emails;
		this.links = links;
		this.audit = audit;
		this.properties = properties;
		this.sessions = sessions;
	}

	/**
	 * Emails a reset link when the address has an account. The caller always shows the
	 * same answer, so nobody learns whether an address is registered.
	 */
	@Transactional
	public void requestReset(EmailAddress email) {
		accounts.findByEmail(email).ifPresent(account -> {
			SecretToken token = accounts.issueToken(account.id(), AccountRepository.TokenPurpose.RESET_PASSWORD,
					properties.resetValidity());
			emails.queue(new Email(email, "Reset your Rapport password", "account/reset-password",
					Map.of("name", account.displayName(), "resetUrl",
							links.to("/password/reset?token=" + token.value()), "validMinutes",
							properties.resetValidity().toMinutes()),
					Branding.rapport(), null));
			audit.record(
					new AuditEntry("PASSWORD_RESET_REQUESTED", null, account.id(), email.value(), email.value(), null));
		});
	}

	/**
	 * Whether a reset link is still usable, to show the form or a clear "expired" page.
	 */
	@Transactional(readOnly = true)
	public boolean isResetTokenValid(String rawToken) {
		return accounts.peekToken(SecretToken.hash(rawToken), AccountRepository.TokenPurpose.RESET_PASSWORD)
			.isPresent();
	}

	/**
	 * Sets a new password with a reset token. The token works once; every session of the
	 * account is ended, and a successful reset also proves the person reads that mailbox,
	 * so the email counts as verified.
	 */
	@Transactional
	public AccountId reset(String rawToken, String newPassword) {
		PasswordPolicy.check(newPassword);
		AccountId id = accounts.consumeToken(SecretToken.hash(rawToken), AccountRepository.TokenPurpose.RESET_PASSWORD)
			.orElseThrow(() -> Problem.invalid("This reset link has expired or was already used. Ask for a new one."));
		accounts.updatePasswordHash(id, passwordEncoder.encode(newPassword));
		accounts.markVerified(id);
		accounts.invalidateTokens(id, AccountRepository.TokenPurpose.RESET_PASSWORD);
		AccountRepository.StoredAccount account = accounts.findById(id).orElseThrow();
		endSessions(account.email());
		throttle.recordSuccess(account.email().value());
		audit
			.record(new AuditEntry("PASSWORD_RESET", null, id, account.email().value(), account.email().value(), null));
		return id;
	}

	/** Changes the password of a signed-in person who knows the current one. */
	@Transactional
	public void change(AccountId id, String currentPassword, String newPassword) {
		AccountRepository.StoredAccount account = accounts.findById(id)
			.orElseThrow(() -> Problem.notFound("No such account."));
		if (account.passwordHash() == null || !passwordEncoder.matches(currentPassword, account.passwordHash())) {
			throw new FieldProblem("currentPassword", "Your current password is not correct.");
		}
		try {
			PasswordPolicy.check(newPassword);
		}
		catch (IllegalArgumentException ex) {
			throw new FieldProblem("newPassword", ex.getMessage());
		}
		accounts.updatePasswordHash(id, passwordEncoder.encode(newPassword));
		audit.record(
				new AuditEntry("PASSWORD_CHANGED", null, id, account.email().value(), account.email().value(), null));
	}

	private void endSessions(EmailAddress email) {
		sessions.findByPrincipalName(email.value()).keySet().forEach(sessions::deleteById);
	}

}
