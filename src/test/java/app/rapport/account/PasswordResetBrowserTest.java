package app.rapport.account;

import app.rapport.BrowserTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordResetBrowserTest extends BrowserTest {

	@Test
	void forgottenPasswordIsReplacedThroughTheEmailedLinkWhichWorksOnce() {
		Provider provider = newProvider();
		signUp(provider);

		open("/sign-in");
		follow("Forgot your password?");
		waitForHeading("Reset your password");
		look("forgot-password");
		fill("Email", provider.email());
		submit("Email me a reset link");
		waitForHeading("Check your inbox");
		look("reset-requested");

		String link = mailbox.awaitLink(provider.email(), "/password/reset?token=");
		open(link);
		waitForHeading("Choose a new password");
		look("reset-password");
		String newPassword = "a brand new secret " + provider.password().length();
		fill("New password", newPassword);
		submit("Save the new password");
		waitForText("Your password was changed. Sign in with the new one.");
		look("sign-in-after-reset");

		signIn(provider.email(), newPassword);
		signOut();

		attemptSignIn(provider.email(), provider.password());
		assertThat(currentPath()).isEqualTo("/sign-in?error");
		waitForText("The email or password is not correct.");

		open(link);
		waitForHeading("This reset link no longer works");
		look("reset-link-used");
	}

}
