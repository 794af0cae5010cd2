package app.rapport.invitation;

import java.util.List;

import app.rapport.BrowserTest;
import app.rapport.Providers;
import app.rapport.client.Clients;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class DeclinedInvitationBrowserTest extends BrowserTest {

	@Autowired
	Providers providers;

	@Autowired
	Clients clients;

	@Test
	void invitedClientDeclinesAndTheProviderIsToldInTheBell() {
		Providers.Provider provider = providers.provider("Northstar Coaching");
		String ana = Providers.uniqueEmail("ana");
		clients.createIndividuals(InvitationsPageBrowserTest.owner(provider),
				List.of(InvitationsPageBrowserTest.individual("Ana", "Lopez", ana)), true);

		String link = mailbox.awaitLink(ana, "/join?token=");
		open(link);
		waitForHeading("Join Northstar Coaching");
		look("join");
		submitConfirming("Decline the invitation");
		waitForHeading("You declined the invitation");
		assertThat(pageText()).contains("We let the person who invited you know.");
		look("declined");

		open(link);
		waitForHeading("This invitation link no longer works");

		signIn(provider.ownerEmail(), Providers.PASSWORD);
		new WebDriverWait(driver, TIMEOUT).withMessage("the bell counting one unread notification")
			.until((d) -> "Notifications, 1 unread".equals(bell().getAttribute("aria-label")));
		assertThat(bell().findElement(By.cssSelector(".badge")).getText()).isEqualTo("1");
		look("bell");
		bell().click();
		waitForHeading("Notifications");
		assertThat(pageText()).contains("1 unread notification.", "Ana Lopez declined your invitation",
				ana + " declined the invitation to join");
		look("notifications");
	}

	private static WebElement bell() {
		return driver.findElement(By.cssSelector("header a.notification-bell"));
	}

}
