package app.rapport.account;

import app.rapport.shared.AccountId;
import app.rapport.shared.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Signs a person in without a password, after another proof of identity (an invitation
 * link used to register). Rotates the session id, as password sign-in does.
 */
@Component
public class SignIn {

	private final AccountRepository accounts;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	SignIn(AccountRepository accounts) {
		this.accounts = accounts;
	}

	public void signIn(AccountId id, HttpServletRequest request, HttpServletResponse response) {
		AccountRepository.StoredAccount account = accounts.findById(id)
			.orElseThrow(() -> Problem.notFound("No such account."));
		RapportPrincipal principal = new RapportPrincipal(id.value(), account.email().value(), null, null);
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(
				UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
		SecurityContextHolder.setContext(context);
		request.getSession(true);
		request.changeSessionId();
		contexts.saveContext(context, request, response);
	}

}
