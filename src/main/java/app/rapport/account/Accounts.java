package app.rapport.account;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import app.rapport.audit.AuditEntry;
import app.rapport.audit.AuditLog;
import app.rapport.notification.Branding;
import app.rapport.notification.Email;
import app.rapport.notification.Emails;
import app.rapport.shared.AccountId;
import app.rapport.shared.EmailAddress;
import app.rapport.shared.Links;
import app.rapport.shared.Problem;
import app.rapport.shared.SecretToken;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating accounts and looking them up. */
@Service
public class Accounts {

	private final AccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final Emails emails;

	private final Links links;

	private final AuditLog audit;

	private final AccountProperties properties;

	private final AccessCache cache;

	Accounts(AccountRepository accounts, PasswordEncoder passwordEncoder, Emails emails, Links links, AuditLog audit,
			AccountProperties properties, AccessCache cache) {
		this.cache = cache;
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.emails = emails;
		this.links = links;
		this.audit = audit;
		this.properties = properties;
	}

	/**
	 * Registers a new account and emails a verification link. When the email already has
	 * an account nothing is created; its owner gets an email saying so, and the caller
	 * cannot tell the difference (no account enumeration). The password is hashed in both
	 * cases so that timing does not tell either.
	 * @return the new account, or empty when the email was taken
	 */
	@Transactional
	public Optional<AccountId> register(String displayName, EmailAddress email, String password) {
		String name = DisplayName.clean(displayName);
		PasswordPolicy.check(password);
		String hash = passwordEncoder.encode(password);
		AccountId id = new AccountId(UUID.randomUUID());
		if (!accounts.insertIfAbsent(id, email, name, hash)) {
			emails.queue(new Email(email, "You already have a Rapport account", "account/already-registered",
					Map.of("signInUrl", links.to("/sign-in"), "resetUrl", links.to("/password/forgot")),
					Branding.rapport(), null));
			return Optional.empty();
		}
		sendVerification(id, email, name);
		audit.record(new AuditEntry("ACCOUNT_CREATED", null, id, email.value(), email.value(), null));
		return Optional.of(id);
	}

	/**
	 * Creates the account of a person who followed an invitation link. The link proved
	 * they read the mailbox, so the email counts as confirmed.
	 * @return the new account, or empty when the email already has one (the person signs
	 * in instead)
	 */
	@Transactional
	public Optional<AccountId> registerInvited(String displayName, EmailAddress email, String password) {
		String name = DisplayName.clean(displayName);
		PasswordPolicy.check(password);
		AccountId id = new AccountId(UUID.randomUUID());
		if (!accounts.insertIfAbsent(id, email, name, passwordEncoder.encode(password))) {
			return Optional.empty();
		}
		accounts.markVerified(id);
		audit
			.record(new AuditEntry("ACCOUNT_CREATED", null, id, email.value(), email.value(), "through an invitation"));
		return Optional.of(id);
	}

	/** Sends a fresh verification link, unless the address is verified already. */
	@Transactional
	public void resendVerification(AccountId id) {
		AccountRepository.StoredAccount account = accounts.findById(id)
			.orElseThrow(() -> Problem.notFound("No such account."));
		if (account.emailVerifiedAt() == null) {
			sendVerification(id, account.email(), account.displayName());
		}
	}

	private void sendVerification(AccountId id, EmailAddress email, String name) {
		SecretToken token = accounts.issueToken(id, AccountRepository.TokenPurpose.VERIFY_EMAIL,
				properties.verificationValidity());
		emails.queue(new Email(email, "Confirm your email address", "account/verify-email",
				Map.of("name", name, "verifyUrl", links.to("/verify-email?token=" + token.value()), "validHours",
						properties.verificationValidity().toHours()),
				Branding.rapport(), null));
	}

	/**
	 * Confirms an email address with the token from the verification link. A token works
	 * once.
	 * @return the verified account, or empty when the token is unknown, used or expired
	 */
	@Transactional
	public Optional<AccountId> verifyEmail(String rawToken) {
		Optional<AccountId> id = accounts.consumeToken(SecretToken.hash(rawToken),
				AccountRepository.TokenPurpose.VERIFY_EMAIL);
		id.ifPresent(accountId -> {
			accounts.markVerified(accountId);
			audit.record(new AuditEntry("EMAIL_VERIFIED", null, accountId, null, accountId.toString(), null));
		});
		return id;
	}

	@Transactional(readOnly = true)
	public Optional<AccountSummary> find(AccountId id) {
		return accounts.findById(id).map(AccountRepository.StoredAccount::summary);
	}

	/**
	 * The account as last read on this node, for showing who someone is (an email to
	 * them, a name in a notification); never older than the last committed change to it.
	 * Not for a transaction that changes the account itself.
	 */
	public Optional<AccountSummary> remembered(AccountId id) {
		return cache.shared(new RememberedAccount(id), () -> find(id));
	}

	private record RememberedAccount(AccountId id) {
	}

	@Transactional(readOnly = true)
	public Optional<AccountSummary> findByEmail(EmailAddress email) {
		return accounts.findByEmail(email).map(AccountRepository.StoredAccount::summary);
	}

	/** The accounts of these addresses (those that have one), with one query. */
	@Transactional(readOnly = true)
	public Map<EmailAddress, AccountSummary> findAllByEmail(Collection<EmailAddress> emails) {
		return accounts.findAllByEmail(emails)
			.stream()
			.map(AccountRepository.StoredAccount::summary)
			.collect(Collectors.toMap(AccountSummary::email, Function.identity()));
	}

	/** Looks up many accounts with one query. */
	@Transactional(readOnly = true)
	public Map<AccountId, AccountSummary> findAll(Collection<AccountId> ids) {
		return accounts.summaries(ids).stream().collect(Collectors.toMap(AccountSummary::id, Function.identity()));
	}

	@Transactional
	public void rename(AccountId id, String displayName) {
		accounts.updateDisplayName(id, DisplayName.clean(displayName));
	}

}
