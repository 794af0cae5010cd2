package app.rapport.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Account settings.
 *
 * @param verificationValidity how long an email verification link works
 * @param resetValidity how long a password reset link works
 * @param maxFailuresPerEmail failed sign-ins for one email within the window before
 * sign-in is refused
 * @param maxFailuresPerIp failed sign-ins from one address within the window before
 * sign-in is refused
 * @param throttleWindow the sliding window of the two limits above
 */
@ConfigurationProperties("rapport.account")
public record AccountProperties(Duration verificationValidity, Duration resetValidity, int maxFailuresPerEmail,
		int maxFailuresPerIp, Duration throttleWindow) {

	public AccountProperties {
		verificationValidity = verificationValidity == null ? Duration.ofDays(2) : verificationValidity;
		resetValidity = resetValidity == null ? Duration.ofHours(1) : resetValidity;
		maxFailuresPerEmail = maxFailuresPerEmail <= 0 ? 5 : maxFailuresPerEmail;
		maxFailuresPerIp = maxFailuresPerIp <= 0 ? 50 : maxFailuresPerIp;
		throttleWindow = throttleWindow == null ? Duration.ofMinutes(15) : throttleWindow;
	}

}
