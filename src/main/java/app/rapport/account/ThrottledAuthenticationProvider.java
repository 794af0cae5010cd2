package app.rapport.account;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Password sign-in with the {@link LoginThrottle} in front of it. */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

	static final String THROTTLED_MESSAGE = "Too many failed sign-in attempts. Wait 15 minutes, or reset your password.";

	private final AuthenticationProvider delegate;

	private final LoginThrottle throttle;

	ThrottledAuthenticationProvider(AuthenticationProvider delegate, LoginThrottle throttle) {
		this.delegate = delegate;
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String principal = authentication.getName();
		String ip = authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress()
				: null;
		if (throttle.isThrottled(principal, ip)) {
			throttle.recordFailure(principal, ip, true);
			throw new LockedException(THROTTLED_MESSAGE);
		}
		try {
			Authentication result = delegate.authenticate(authentication);
			throttle.recordSuccess(principal);
			return result;
		}
		catch (BadCredentialsException ex) {
			throttle.recordFailure(principal, ip, false);
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
