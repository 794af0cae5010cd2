package app.rapport.invitation;

import java.util.List;

import app.rapport.BrowserTest;
import app.rapport.Providers;
import app.rapport.Providers.Person;
import app.rapport.shared.OrganizationRole;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class ColleagueInvitationBrowserTest extends BrowserTest {

	@Autowired
	Providers providers;

	@Test
	void ownerInvitesACoachWhoRegistersThroughTheLinkAndIsListedAsCoach() {
		Providers.Provider provider = providers.provider("Summit Coaching");
		String coach = Providers.uniqueEmail("carla");

		signIn(provider.ownerEmail(), Providers.PASSWORD);
		follow("Settings");
		waitForHeading("Settings");
		look("settings");
		driver.findElement(By.cssSelector("main a[href='/settings/members']")).click();
		waitForHeading("Members");
		follow("+ Invite");
		waitForHeading("Invite a colleague");
		assertThat(roles()).containsExactly("Owner", "Admin", "Coach");
		look("invite-colleague");

		fill("Name", "Carla Coach");
		fill("Email", coach);
		new Select(field("Role")).selectByVisibleText("Coach");
		submit("Send invitation");
		waitForHeading("Members");
		waitForText("We sent an invitation to " + coach + ".");
		look("invitation-sent");
		signOut();

		String link = mailbox.awaitLink(coach, "/join?token=");
		open(link);
		waitForHeading("Join Summit Coaching");
		assertThat(pageText()).contains("Olivia Owner invited you");
		assertThat(field("Email").getDomProperty("value")).isEqualTo(coach);
		assertThat(field("Your name").getDomProperty("value")).isEqualTo("Carla Coach");
		look("join-register");
		fill("Choose a password", "a coach's own secret");
		field("I accept the terms of use and the privacy policy").click();
		submit("Create my account and accept");
		assertThat(currentPath()).startsWith("/app");
		assertThat(pageText()).contains("Summit Coaching");
		look("coach-joined");
		signOut();

		signIn(provider.ownerEmail(), Providers.PASSWORD);
		open("/settings/members");
		waitForHeading("Members");
		WebElement row = driver.findElement(By.xpath("//tr[td[normalize-space()='" + coach + "']]"));
		assertThat(row.getText()).contains("Carla Coach");
		assertThat(new Select(row.findElement(By.name("role"))).getFirstSelectedOption().getText()).isEqualTo("Coach");
		look("members-with-coach");
	}

	@Test
	void anAdminCanInviteAdminsAndCoachesButNoOwner() {
		Providers.Provider provider = providers.provider("Summit Coaching");
		Person admin = providers.member(provider, OrganizationRole.ADMIN);

		signIn(admin.email(), Providers.PASSWORD);
		open("/settings/members");
		waitForHeading("Members");
		look("members-as-admin");
		follow("+ Invite");
		waitForHeading("Invite a colleague");
		assertThat(roles()).containsExactly("Admin", "Coach");
		look("invite-colleague-as-admin");
	}

	private List<String> roles() {
		return new Select(field("Role")).getOptions().stream().map(WebElement::getText).toList();
	}

}
