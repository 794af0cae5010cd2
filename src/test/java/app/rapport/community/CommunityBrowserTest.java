package app.rapport.community;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import app.rapport.BrowserTest;
import app.rapport.Providers;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flow 8: Manage community → Users → a program → Manage users → + Invite with a role; the
 * invited person gets the community's email, registers and lands in the program as a
 * community-only member. Also the community's branding and archiving a program.
 */
class CommunityBrowserTest extends BrowserTest {

	@Autowired
	Providers providers;

	@Test
	void anOwnerBrandsTheCommunityAndInvitesACommunityOnlyMemberIntoNewMembers() throws Exception {
		Providers.Provider provider = providers.provider("Northstar Community");
		String member = Providers.uniqueEmail("maya");
		signIn(provider.ownerEmail(), Providers.PASSWORD);

		follow("Manage community");
		waitForHeading("Users");
		assertThat(pageText()).contains("New Members", "Default");
		look("users");

		follow("Branding");
		waitForHeading("Branding");
		field("Upload a logo").sendKeys(logoFile().toAbsolutePath().toString());
		submit("Upload logo");
		waitForText("Logo uploaded.");
		assertThat(driver.findElement(By.cssSelector(".logo-preview img")).getDomAttribute("src"))
			.startsWith("/community-logos/");
		fill("Invitation email subject", "{inviter} saved you a place in {program}");
		fill("Registration page text", "Welcome to Northstar. Tell us your name and choose a password.");
		submit("Save branding");
		waitForText("Branding and wording saved.");
		look("branding");

		follow("Users");
		waitForHeading("Users");
		follow("New Members");
		waitForHeading("New Members");
		assertThat(pageText()).contains("No members yet.");
		look("manage-users-empty");
		follow("+ Invite");
		waitForHeading("Invite to New Members");
		assertThat(new Select(field("Role")).getOptions()).extracting(o -> o.getText())
			.containsExactly("Client", "Coach", "Mentor");
		look("invite");
		fill("Name", "Maya Member");
		fill("Email", member);
		new Select(field("Role")).selectByVisibleText("Client");
		submit("Send invitation");
		waitForHeading("New Members");
		waitForText("We sent an invitation to " + member + ".");
		assertThat(pageText()).contains("Invited, not joined yet", "Maya Member");
		look("manage-users-pending");
		signOut();

		String link = mailbox.awaitLink(member, "/join?token=");
		MimeMessage email = mailbox.messagesTo(member).getLast();
		assertThat(email.getSubject()).isEqualTo("Olivia Owner saved you a place in New Members");
		open(link);
		waitForHeading("Join Northstar Community");
		assertThat(pageText()).contains("Welcome to Northstar. Tell us your name and choose a password.");
		look("registration");
		fill("Choose a password", "a member's own secret");
		field("I accept the terms of use and the privacy policy").click();
		submit("Create my account and accept");
		waitForHeading("My community");
		assertThat(pageText()).contains("Welcome! You are now a member of the community.", "New Members",
				"Northstar Community", "You are a client");
		look("my-community");
		driver.findElement(By.cssSelector("a.program-card")).click();
		waitForHeading("New Members");
		assertThat(pageText()).contains("About this program");
		look("my-program");
		open("/clients");
		assertThat(pageText()).contains("You are not a member of an organization.");
		open("/my-community");
		waitForHeading("My community");
		signOut();

		signIn(provider.ownerEmail(), Providers.PASSWORD);
		open("/community/users");
		follow("New Members");
		waitForHeading("New Members");
		assertThat(pageText()).contains("Maya Member", member, "Client");
		look("manage-users-with-member");

		// the row's form (written by members.mustache) carries the CSRF token itself
		submitConfirming("Remove");
		waitForText("Removed from the program.");
		assertThat(pageText()).contains("No members yet.").doesNotContain(member);
	}

	@Test
	void archivingAProgramRevokesItsInvitationsAndTheLinkStopsWorking() {
		Providers.Provider provider = providers.provider("Cohort Coaching");
		String invitee = Providers.uniqueEmail("ivy");
		signIn(provider.ownerEmail(), Providers.PASSWORD);
		open("/community/users");
		waitForHeading("Users");
		follow("New program");
		waitForHeading("New program");
		submit("Create program");
		waitForText("Enter a program name.");
		look("new-program-error");
		fill("Name", "Spring Cohort");
		fill("Description", "Eight weeks of leadership practice.");
		submit("Create program");
		waitForHeading("Spring Cohort");
		waitForText("Spring Cohort is ready. Invite its first members.");
		follow("+ Invite");
		waitForHeading("Invite to Spring Cohort");
		fill("Name", "Ivy Invitee");
		fill("Email", "not an address");
		submit("Send invitation");
		waitForHeading("Invite to Spring Cohort");
		assertThat(driver.findElement(By.id("email-feedback")).getText()).isNotBlank();
		assertThat(field("Name").getDomProperty("value")).isEqualTo("Ivy Invitee");
		look("invite-error");
		fill("Email", invitee);
		new Select(field("Role")).selectByVisibleText("Mentor");
		submit("Send invitation");
		waitForText("We sent an invitation to " + invitee + ".");
		String link = mailbox.awaitLink(invitee, "/join?token=");

		submitConfirming("Archive");
		waitForText("Spring Cohort is archived. Its pending invitations were revoked; members keep their access.");
		assertThat(pageText()).contains("Nobody is waiting to join.");
		assertThat(driver.findElements(By.xpath("//a[normalize-space()='+ Invite']"))).isEmpty();
		look("archived-program");
		signOut();

		open(link);
		assertThat(heading()).isEqualTo("This invitation link no longer works");
	}

	private static Path logoFile() throws IOException {
		Path file = Path.of("target", "browser-logo.png");
		Files.createDirectories(file.getParent());
		Files.write(file, LogoImageFixtures.png(600, 300));
		return file;
	}

}
