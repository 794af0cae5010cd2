package app.rapport.account;

import app.rapport.shared.EmailAddress;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

@Component
class RapportUserDetailsService implements UserDetailsService {

	private final AccountRepository accounts;

	RapportUserDetailsService(AccountRepository accounts) {
		this.accounts = accounts;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		if (!EmailAddress.isValid(username)) {
			throw new UsernameNotFoundException("not an email");
		}
		return accounts.findByEmail(new EmailAddress(username))
			.filter(account -> account.passwordHash() != null)
			.map(account -> new RapportPrincipal(account.id().value(), account.email().value(), account.passwordHash(),
					null))
			.orElseThrow(() -> new UsernameNotFoundException("unknown"));
	}

}
