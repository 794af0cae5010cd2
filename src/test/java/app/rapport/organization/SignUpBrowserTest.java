package app.rapport.organization;

import app.rapport.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

class SignUpBrowserTest extends BrowserTest {

	@Test
	void providerSignsUpConfirmsTheEmailAndSignsInAgainAfterSigningOut() {
		Provider provider = newProvider();
		open("/");
		look("home");

		open("/sign-up");
		look("sign-up");
		signUp(provider);
		assertThat(pageText()).contains(provider.email());
		look("check-inbox");

		String link = mailbox.awaitLink(provider.email(), "/verify-email?token=");
		assertThat(link).startsWith(baseUrl());
		open(link);
		assertThat(currentPath()).startsWith("/sign-in?verified");
		assertThat(pageText()).containsIgnoringCase("email").containsPattern("(?i)your email( address)? is confirmed");
		look("sign-in-confirmed");

		signIn(provider.email(), provider.password());
		waitForHeading("Welcome, " + provider.name());
		assertThat(pageText()).contains("Done — your email is confirmed.");
		assertThat(navigation()).containsExactly("Clients", "One-to-One", "Manage community", "Engagements",
				"Invitations", "Settings");
		assertThat(driver.findElement(By.cssSelector("header a[aria-label='Notifications']")).isDisplayed()).isTrue();
		look("app-start");

		signOut();
		look("signed-out");
		signIn(provider.email(), provider.password());
		waitForHeading("Welcome, " + provider.name());
	}

	private static java.util.List<String> navigation() {
		return driver.findElements(By.cssSelector("nav[aria-label='Main navigation'] .navbar-nav .nav-link"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

}
