package app.rapport.invitation;

import java.time.Duration;
import java.util.List;

import app.rapport.BrowserTest;
import app.rapport.Providers;
import app.rapport.client.ClientDetails;
import app.rapport.client.Clients;
import app.rapport.shared.CurrentUser;
import app.rapport.shared.EmailAddress;
import app.rapport.shared.OrganizationRole;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class InvitationsPageBrowserTest extends BrowserTest {

	@Autowired
	Providers providers;

	@Autowired
	Clients clients;

	@Autowired
	InvitationAcceptance acceptance;

	@Test
	void providerFiltersSearchesResendsRevokesAndResendsSeveralInvitations() {
		Providers.Provider provider = providers.provider("Lighthouse Coaching");
		String ana = Providers.uniqueEmail("ana");
		String ben = Providers.uniqueEmail("ben");
		String chen = Providers.uniqueEmail("chen");
		String dora = Providers.uniqueEmail("dora");
		clients.createIndividuals(owner(provider), List.of(individual("Ana", "Lopez", ana),
				individual("Ben", "Okafor", ben), individual("Chen", "Li", chen), individual("Dora", "Diaz", dora)),
				true);
		String doraLink = mailbox.awaitLink(dora, "/join?token=");
		acceptance.decline(doraLink.substring(doraLink.indexOf("token=") + 6), null);

		signIn(provider.ownerEmail(), Providers.PASSWORD);
		follow("Invitations");
		waitForHeading("Invitations");
		assertThat(pageText()).contains(ana, ben, chen, dora);
		assertThat(row(dora).getText()).contains("Declined");
		look("invitations");

		new Select(field("Status")).selectByVisibleText("Pending");
		submit("Filter");
		assertThat(currentPath()).contains("status=PENDING");
		assertThat(pageText()).contains(ana, ben, chen).doesNotContain(dora);
		look("pending");

		fill("Email starts with", ben.substring(0, ben.indexOf('@')));
		submit("Filter");
		assertThat(pageText()).contains(ben).doesNotContain(ana).doesNotContain(chen);
		look("search");
		follow("Clear");
		assertThat(pageText()).contains(ana, ben, chen, dora);

		String anaFirstLink = mailbox.awaitLink(ana, "/join?token=");
		submit("Resend the invitation to " + ana);
		waitForText("Invitation sent again to " + ana + ". The previous link no longer works.");
		assertThat(row(ana).getText()).contains("(sent 2 times)");
		look("resent");
		awaitMessages(ana, 2);
		assertThat(mailbox.awaitLink(ana, "/join?token=")).isNotEqualTo(anaFirstLink);

		submitConfirming("Revoke the invitation to " + ben);
		waitForText("Invitation to " + ben + " revoked. Its link no longer works.");
		assertThat(row(ben).findElement(By.cssSelector(".badge")).getText()).isEqualTo("Revoked");
		assertThat(row(ben).findElements(By.tagName("button"))).as("no actions on a revoked invitation").isEmpty();
		look("revoked");

		checkbox(ana).click();
		checkbox(chen).click();
		submit("Resend selected");
		waitForText("2 invitations sent again. Their previous links no longer work.");
		assertThat(row(ana).getText()).contains("(sent 3 times)");
		assertThat(row(chen).getText()).contains("(sent 2 times)");
		look("resent-selected");
		awaitMessages(ana, 3);
		awaitMessages(chen, 2);

		signOut();
		open(anaFirstLink);
		waitForHeading("This invitation link no longer works");
		look("resent-link");
		open(mailbox.awaitLink(ben, "/join?token="));
		waitForHeading("This invitation link no longer works");
		open(mailbox.awaitLink(ana, "/join?token="));
		waitForHeading("Join Lighthouse Coaching");
	}

	static CurrentUser owner(Providers.Provider provider) {
		return new CurrentUser(provider.owner(), new EmailAddress(provider.ownerEmail()), "Olivia Owner", true,
				provider.id(), "Coaching", OrganizationRole.OWNER);
	}

	static ClientDetails.Individual individual(String first, String last, String email) {
		return ClientDetails.Individual.of(first, last, email, null, "Europe/London", null, null, true);
	}

	private static WebElement row(String email) {
		return driver.findElement(By.xpath("//tbody/tr[td[normalize-space()='" + email + "']]"));
	}

	private static WebElement checkbox(String email) {
		return driver
			.findElement(By.cssSelector("input[type=checkbox][aria-label='Select the invitation to " + email + "']"));
	}

	private static void awaitMessages(String email, int count) {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(mailbox.messagesTo(email)).hasSize(count));
	}

}
