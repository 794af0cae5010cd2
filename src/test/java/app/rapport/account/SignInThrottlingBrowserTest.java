package app.rapport.account;

import app.rapport.BrowserTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignInThrottlingBrowserTest extends BrowserTest {

	@Test
	void afterFiveWrongPasswordsEvenTheRightPasswordIsRefusedForAWhile() {
		Provider provider = newProvider();
		signUp(provider);

		for (int attempt = 1; attempt <= 5; attempt++) {
			attemptSignIn(provider.email(), "wrong password " + attempt);
			assertThat(currentPath()).as("attempt %d", attempt).isEqualTo("/sign-in?error");
			waitForText("The email or password is not correct.");
		}
		look("sign-in-wrong-password");

		attemptSignIn(provider.email(), provider.password());
		assertThat(currentPath()).isEqualTo("/sign-in?throttled");
		waitForText("Too many failed sign-in attempts");
		assertThat(field("Email").getDomProperty("value")).isEqualTo(provider.email());
		look("sign-in-throttled");
	}

}
