package app.rapport.client;

import app.rapport.ProviderBrowserTest;
import app.rapport.Providers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientCompanyBrowserTest extends ProviderBrowserTest {

	@Test
	void pointOfContactAcceptsAndTheCompanyBecomesOwnedAndConnected() {
		Providers.Provider provider = signedInProvider("Summit Coaching");
		createNew("Client Company");
		look("new-company");
		String poc = Providers.uniqueEmail("pat");
		fill("Company name", "Acme Corp");
		fill("Website or domain (optional)", "acme.example");
		fill("Address (optional)", "1 Market Street\nLondon");
		fill("Name", "Pat Doe");
		fill("Email", poc);
		submit("Invite");
		waitForText("The company was created and its point of contact invited.");
		waitForHeading("Acme Corp");
		assertThat(clientStatus()).isEqualTo("Invited");
		assertThat(pageText()).contains("Pat Doe", poc);
		String company = shownClientId();
		look("profile-invited");

		signOut();
		open(invitationLink(poc));
		waitForHeading("Join Summit Coaching");
		look("registration");
		fill("Your name", "Pat Doe");
		fill("Choose a password", Providers.PASSWORD);
		field("I accept the terms of use and the privacy policy").click();
		submit("Create my account and accept");
		waitForHeading("My coaching");
		assertThat(pageText()).contains("Summit Coaching", "You are the point of contact of Acme Corp");
		look("my-coaching");

		signOut();
		signIn(provider.ownerEmail(), Providers.PASSWORD);
		open("/clients/" + company);
		waitForHeading("Acme Corp");
		assertThat(clientStatus()).isEqualTo("Owned");
		assertThat(profileBadges()).contains("Connected");
		assertThat(pageText()).contains("Owned by the company: its point of contact manages its details");
		look("profile-owned");
	}

}
