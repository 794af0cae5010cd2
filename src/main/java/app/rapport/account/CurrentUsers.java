package app.rapport.account;

import java.util.Optional;
import java.util.UUID;

import app.rapport.shared.AccountId;
import app.rapport.shared.CurrentUser;
import app.rapport.shared.OrganizationId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Resolves the {@link CurrentUser} of a request once and caches it on the request (and,
 * between requests, in the {@link AccessCache}). The organization is the one the API
 * token is bound to, or the one chosen in the session, or the person's oldest membership.
 */
@Component
public class CurrentUsers {

	/** Session attribute holding the organization a person chose to work in. */
	public static final String ORGANIZATION_ATTRIBUTE = "rapport.organizationId";

	private static final String CACHE_ATTRIBUTE = CurrentUsers.class.getName();

	private final AccountRepository accounts;

	private final MembershipDirectory memberships;

	private final AccessCache cache;

	CurrentUsers(AccountRepository accounts, MembershipDirectory memberships, AccessCache cache) {
		this.accounts = accounts;
		this.memberships = memberships;
		this.cache = cache;
	}

	public Optional<CurrentUser> current(HttpServletRequest request) {
		Object cached = request.getAttribute(CACHE_ATTRIBUTE);
		if (cached instanceof CurrentUser user) {
			return Optional.of(user);
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof RapportPrincipal principal)) {
			return Optional.empty();
		}
		Optional<CurrentUser> user = resolve(principal, request);
		user.ifPresent(u -> request.setAttribute(CACHE_ATTRIBUTE, u));
		return user;
	}

	private Optional<CurrentUser> resolve(RapportPrincipal principal, HttpServletRequest request) {
		UUID tokenOrganization = principal.tokenOrganizationId();
		OrganizationId chosen = tokenOrganization != null ? null : chosenOrganization(request);
		return cache.user(principal.accountId(), chosen == null ? null : chosen.value(), tokenOrganization,
				() -> read(principal, tokenOrganization, chosen));
	}

	private Optional<CurrentUser> read(RapportPrincipal principal, @Nullable UUID tokenOrganization,
			@Nullable OrganizationId chosen) {
		AccountId accountId = new AccountId(principal.accountId());
		var known = principal.tokenAccount();
		return (known != null ? Optional.of(known) : accounts.findById(accountId)).map(account -> {
			OrganizationId preferred = tokenOrganization != null ? new OrganizationId(tokenOrganization) : chosen;
			var membership = memberships.activeMembership(accountId, preferred)
				.filter(m -> tokenOrganization == null || m.organizationId().value().equals(tokenOrganization));
			return new CurrentUser(accountId, account.email(), account.displayName(), account.emailVerifiedAt() != null,
					membership.map(m -> m.organizationId()).orElse(null),
					membership.map(m -> m.organizationName()).orElse(null), membership.map(m -> m.role()).orElse(null));
		});
	}

	private static @Nullable OrganizationId chosenOrganization(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null && session.getAttribute(ORGANIZATION_ATTRIBUTE) instanceof String id) {
			return OrganizationId.of(id);
		}
		return null;
	}

}
