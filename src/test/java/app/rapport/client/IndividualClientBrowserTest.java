package app.rapport.client;

import java.util.List;
import java.util.UUID;

import app.rapport.ProviderBrowserTest;
import app.rapport.Providers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

class IndividualClientBrowserTest extends ProviderBrowserTest {

	@Test
	void invitedClientRegistersAndOwnsTheRecordWhileTheProviderKeepsTagsAndNotes() {
		Providers.Provider provider = signedInProvider("Bright Path Coaching");
		open("/clients");
		waitForHeading("Clients");
		assertThat(pageText()).contains("No clients yet");
		assertThat(driver.findElements(By.cssSelector("form[role=search]"))).as("no filters before the first client")
			.isEmpty();
		look("clients-empty");

		createNew("Individual Client");
		look("new-individual");
		String email = Providers.uniqueEmail("ana");
		fill("First name", "Ana");
		fill("Last name", "Lopez");
		fill("Email", email);
		fill("Phone (optional)", "+44 20 7946 0958");
		new Select(field("Time zone (optional)")).selectByValue("Europe/London");
		fill("Tags (optional, separated by commas)", "leadership");
		fill("Private notes (only your organization sees them)", "Prefers mornings");
		submit("Invite");
		waitForText("The client was created and invited.");
		waitForHeading("Ana Lopez");
		assertThat(clientStatus()).isEqualTo("Invited");
		assertThat(pageText()).contains(email, "Resend", "Revoke");
		String client = shownClientId();
		look("profile-invited");

		signOut();
		open(invitationLink(email));
		waitForHeading("Join Bright Path Coaching");
		assertThat(field("Email").getDomProperty("value")).isEqualTo(email);
		look("registration");
		fill("Your name", "Ana Lopez");
		fill("Choose a password", Providers.PASSWORD);
		field("I accept the terms of use and the privacy policy").click();
		submit("Create my account and accept");
		waitForHeading("My coaching");
		waitForText("Welcome! You accepted the invitation.");
		assertThat(pageText()).contains("Bright Path Coaching").doesNotContain("Prefers mornings");
		look("my-coaching");

		signOut();
		signIn(provider.ownerEmail(), Providers.PASSWORD);
		open("/clients/" + client);
		waitForHeading("Ana Lopez");
		assertThat(clientStatus()).isEqualTo("Owned");
		look("profile-owned");

		follow("Edit");
		waitForHeading("Edit Ana Lopez");
		waitForText("only they can change their personal details");
		assertThat(driver
			.findElements(By.cssSelector("main form input:not([type=hidden]), main form select, main form textarea"))
			.stream()
			.map((input) -> input.getDomAttribute("name"))
			.toList()).containsExactly("tags", "privateNotes");
		look("edit-owned");
		fill("Tags (separated by commas)", "leadership, alumni");
		fill("Private notes (only your organization sees them)", "Renewed for six months");
		submit("Save");
		waitForHeading("Ana Lopez");
		assertThat(pageText()).contains("alumni", "Renewed for six months");
		assertThat(clientStatus()).isEqualTo("Owned");
	}

	@Test
	void internalRecordIsInvitedLaterFromItsProfile() {
		signedInProvider("Later Coaching");
		createNew("Individual Client");
		String email = Providers.uniqueEmail("lee");
		fill("First name", "Lee");
		fill("Last name", "Park");
		fill("Email", email);
		submit("Save as internal record");
		waitForText("The client was saved as an internal record.");
		waitForHeading("Lee Park");
		assertThat(clientStatus()).isEqualTo("Internal");
		assertThat(pageText()).contains("No invitation sent yet.");
		assertThat(mailbox.messagesTo(email)).isEmpty();
		look("profile-internal");

		submit("Send invitation");
		waitForText("The invitation was sent.");
		assertThat(clientStatus()).isEqualTo("Invited");
		assertThat(invitationLink(email)).startsWith(baseUrl() + "/join?token=");
		look("profile-invitation-sent");
	}

	@Test
	void addAnotherInvitesThreeClientsAtOnce() {
		signedInProvider("Team Coaching");
		String batch = UUID.randomUUID().toString().substring(0, 8);
		List<String> names = List.of("Maya Stone", "Omar Haddad", "Ines Duarte");
		createNew("Individual Client");
		for (int row = 0; row < names.size(); row++) {
			if (row > 0) {
				scrollTo("+ Add another");
				click("+ Add another");
			}
			String[] name = names.get(row).split(" ");
			fillClientRow(row, name[0], name[1], emailOf(names.get(row), batch));
		}
		assertThat(driver.findElements(By.cssSelector("#client-rows .client-row"))).hasSize(3);
		look("three-rows");
		scrollTo("Invite");
		submit("Invite");
		waitForHeading("Clients");
		waitForText("3 clients were created and invited.");

		fill("Search by name or email", batch);
		submit("Apply");
		assertThat(listedClients()).containsExactlyInAnyOrderElementsOf(names);
		assertThat(driver.findElements(By.cssSelector("main tbody tr td:nth-child(3)"))
			.stream()
			.map((cell) -> cell.getText())
			.toList()).containsOnly("Invited");
		look("three-invited");
		for (String name : names) {
			assertThat(invitationLink(emailOf(name, batch))).contains("/join?token=");
		}
	}

	private static String emailOf(String name, String batch) {
		return name.toLowerCase().replace(' ', '.') + "-" + batch + "@example.com";
	}

}
