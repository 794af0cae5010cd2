package app.rapport.account;

import java.io.Serial;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The authenticated person kept in the security context (and so in the session).
 * Organization roles are not kept here: they are looked up per request so that a role
 * change applies at once.
 */
final class RapportPrincipal implements UserDetails, CredentialsContainer {

	@Serial
	private static final long serialVersionUID = 1L;

	private static final List<GrantedAuthority> AUTHORITIES = List.of(new SimpleGrantedAuthority("ROLE_USER"));

	private final UUID accountId;

	private final String email;

	private @Nullable String passwordHash;

	/** Set for API token requests: the organization the token is bound to. */
	private final @Nullable UUID tokenOrganizationId;

	/**
	 * For API token requests: the account as read together with the token, so the request
	 * needs no second lookup. Token principals live for one request and are never stored.
	 */
	private final transient AccountRepository.@Nullable StoredAccount tokenAccount;

	RapportPrincipal(UUID accountId, String email, @Nullable String passwordHash, @Nullable UUID tokenOrganizationId) {
		this(accountId, email, passwordHash, tokenOrganizationId, null);
	}

	private RapportPrincipal(UUID accountId, String email, @Nullable String passwordHash,
			@Nullable UUID tokenOrganizationId, AccountRepository.@Nullable StoredAccount tokenAccount) {
		this.accountId = accountId;
		this.email = email;
		this.passwordHash = passwordHash;
		this.tokenOrganizationId = tokenOrganizationId;
		this.tokenAccount = tokenAccount;
	}

	static RapportPrincipal ofToken(AccountRepository.StoredAccount account, UUID organizationId) {
		return new RapportPrincipal(account.id().value(), account.email().value(), null, organizationId, account);
	}

	AccountRepository.@Nullable StoredAccount tokenAccount() {
		return tokenAccount;
	}

	UUID accountId() {
		return accountId;
	}

	@Nullable UUID tokenOrganizationId() {
		return tokenOrganizationId;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return AUTHORITIES;
	}

	@Override
	public @Nullable String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return email;
	}

	@Override
	public void eraseCredentials() {
		passwordHash = null;
	}

}
