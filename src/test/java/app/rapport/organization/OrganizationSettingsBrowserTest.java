package app.rapport.organization;

import app.rapport.BrowserTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

class OrganizationSettingsBrowserTest extends BrowserTest {

	private Provider owner;

	@BeforeEach
	void ownerSignedIn() {
		this.owner = newProvider();
		signUp(this.owner);
		open("/sign-in");
		look("sign-in");
		signIn(this.owner.email(), this.owner.password());
		look("app-start");
	}

	@Test
	void renamedOrganizationShowsInTheShell() {
		follow("Settings");
		waitForHeading("Settings");
		look("settings");

		open("/settings/organization");
		waitForHeading("Organization");
		assertThat(field("Name").getDomProperty("value")).isEqualTo(this.owner.organization());
		look("organization-settings");

		String renamed = "Renamed " + this.owner.organization();
		fill("Name", renamed);
		submit("Save");
		waitForText("The organization settings were saved.");
		assertThat(driver.findElement(By.cssSelector("header .dropdown-toggle")).getText()).contains(renamed);
		look("organization-renamed");

		open("/app");
		assertThat(pageText()).contains("You are working in " + renamed + " as Owner.");
	}

	@Test
	void anOwnerClosesTheOrganizationOnlyAfterTypingItsName() {
		open("/settings/organization");
		waitForHeading("Organization");
		String confirm = "Type " + this.owner.organization() + " to confirm";
		fill(confirm, "not the name");
		submitConfirming("Close organization");
		waitForText("exactly to confirm.");
		look("close-refused");

		fill(confirm, this.owner.organization());
		submitConfirming("Close organization");
		waitForHeading("Your organizations");
		waitForText(this.owner.organization() + " is closed.");
		look("organization-closed");
		open("/clients");
		assertThat(pageText()).contains("You are not a member of an organization.");
	}

	@Test
	void membersPageShowsTheOwnerWithRoleOwner() {
		open("/settings/members");
		waitForHeading("Members");
		var row = driver.findElement(By.xpath("//tr[td[normalize-space()='" + this.owner.email() + "']]"));
		assertThat(row.getText()).contains(this.owner.name()).contains("you");
		var role = new org.openqa.selenium.support.ui.Select(row.findElement(By.name("role")));
		assertThat(role.getFirstSelectedOption().getText()).isEqualTo("Owner");
		look("members");
	}

	@Test
	void ownerChangesPasswordOnTheAccountPage() {
		open("/account");
		waitForHeading("Your account");
		look("account");

		String newPassword = "another long secret " + this.owner.email().length();
		fill("Current password", this.owner.password());
		fill("New password", newPassword);
		submit("Change password");
		waitForText("Your password was changed.");
		look("account-password-changed");

		signOut();
		attemptSignIn(this.owner.email(), this.owner.password());
		assertThat(currentPath()).isEqualTo("/sign-in?error");
		signIn(this.owner.email(), newPassword);
	}

}
